import { afterEach, describe, expect, it, vi } from 'vitest';
import { hubFixture, type FakeSocket } from './hub.fixture';

/**
 * The hub's early writes (hub-ticker.ts, write-policy.ts) with stand-in sockets: the steady tick
 * never fires here (60 s), so whatever arrives before the test calls tick() came from an early
 * write. Each wait is for a positive signal.
 */
const kit = hubFixture();
afterEach(() => kit.closeAll());

const quiet = { writeBudget: 15_000 };
const got = (ws: FakeSocket, text: string) => ws.chatTexts().filter((t) => t === text).length;

describe('room hub, early writes', () => {
  it('writes chat at once in a quiet room, as one encoded frame shared by every socket', async () => {
    const hub = await kit.open(quiet);
    const [a, b, c] = [await kit.connect(hub), await kit.connect(hub), await kit.connect(hub)];
    hub.chat(a.client, 'r1', 'at once');
    await vi.waitFor(() => expect(got(c.ws, 'at once')).toBe(1));
    expect(a.ws.sent.at(-1)).toBe(b.ws.sent.at(-1));
    expect(b.ws.sent.at(-1)).toBe(c.ws.sent.at(-1));
    hub.chat(b.client, 'r2', 'and again');
    await vi.waitFor(() => expect(got(a.ws, 'and again')).toBe(1));
    expect(a.ws.batches().map((f) => f.seq)).toEqual([1, 2]);
  });

  it('sends messages of one event-loop turn together, still sampled to the per-second budget, the host always', async () => {
    const hub = await kit.open({ ...quiet, chatPerSecond: 20 });
    const viewers = await Promise.all(Array.from({ length: 30 }, () => kit.connect(hub)));
    const host = await kit.connect(hub, 'host');
    viewers.forEach((v, i) => hub.chat(v.client, `r${i}`, `crowd ${i}`));
    hub.chat(host.client, 'h', 'host speaks');
    await vi.waitFor(() => expect(viewers[0]!.ws.batches()).toHaveLength(1));
    const [batch] = viewers[0]!.ws.batches();
    expect(batch!.chat.filter((m) => m.text.startsWith('crowd'))).toHaveLength(20);
    expect(batch!.chat.some((m) => m.text === 'host speaks')).toBe(true);
  });

  it('writes a big room in one early write, lane after lane from the one the tick writes next, each message once', async () => {
    const hub = await kit.open({ ...quiet, laneSockets: 2 }); // five sockets: three lanes
    const sockets = await Promise.all(Array.from({ length: 5 }, () => kit.connect(hub)));
    const order: number[] = [];
    sockets.forEach((s, i) => {
      const send = s.ws.send.bind(s.ws);
      s.ws.send = (data) => {
        if (String(data).startsWith('{"t":"batch"')) order.push(i);
        send(data);
      };
    });
    await hub.tick(); // lane 0 (sockets 0 and 3); lane 1 is next
    order.length = 0;
    hub.chat(sockets[0]!.client, 'r', 'every lane');
    await vi.waitFor(() => expect(sockets.every((s) => got(s.ws, 'every lane') === 1)).toBe(true));
    expect(order).toEqual([1, 4, 2, 0, 3]); // lanes 1, 2, 0
    for (let i = 0; i < 3; i++) await hub.tick(); // a whole round of lanes: nothing twice
    for (const s of sockets) expect(got(s.ws, 'every lane')).toBe(1);
  });

  it('lets changed counts alone wait for the next write when an early write went out less than a tick ago', async () => {
    const hub = await kit.open(quiet);
    const a = await kit.connect(hub);
    await hub.tick();
    const frames = a.ws.batches().length;
    hub.like(3);
    await hub.tick(true); // likes settled, not written
    expect(a.ws.batches()).toHaveLength(frames);
    hub.chat(a.client, 'r', 'with the likes');
    await vi.waitFor(() => expect(got(a.ws, 'with the likes')).toBe(1));
    expect(a.ws.batches().at(-1)!.counts.likes).toBe(3);
    hub.like(1);
    await hub.tick(false); // no early write within the tick: counts go out on their own
    expect(a.ws.batches().at(-1)!.counts.likes).toBe(4);
  });

  it('passes over a socket above its send bound, which catches up in one frame when it drains', async () => {
    const hub = await kit.open(quiet);
    const talker = await kit.connect(hub);
    const slow = await kit.connect(hub);
    slow.ws.bufferedAmount = 5000;
    hub.chat(talker.client, 'r1', 'one');
    await vi.waitFor(() => expect(got(talker.ws, 'one')).toBe(1));
    hub.chat(talker.client, 'r2', 'two');
    await vi.waitFor(() => expect(got(talker.ws, 'two')).toBe(1));
    expect(slow.ws.batches()).toEqual([]);
    slow.ws.bufferedAmount = 0;
    await hub.tick();
    expect(slow.ws.batches()).toHaveLength(1);
    expect(slow.ws.chatTexts()).toEqual(['one', 'two']);
  });

  it('a socket that resumes after early writes gets what it missed in one frame', async () => {
    const hub = await kit.open({ ...quiet, resumeFrames: 10 });
    const a = await kit.connect(hub);
    const talker = await kit.connect(hub);
    hub.chat(talker.client, 'r0', 'seen');
    await vi.waitFor(() => expect(got(a.ws, 'seen')).toBe(1));
    const seq = a.ws.batches().at(-1)!.seq;
    hub.leave(a.client);
    for (const text of ['missed 1', 'missed 2']) {
      hub.chat(talker.client, text, text);
      await vi.waitFor(() => expect(got(talker.ws, text)).toBe(1));
    }
    const back = await kit.connect(hub, 'viewer', { epoch: hub.epoch, seq });
    expect(back.ws.batches()).toHaveLength(1);
    expect(back.ws.chatTexts()).toEqual(['missed 1', 'missed 2']);
  });
});
