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

  it('writes changed counts alone once per countsMs, and the first change after a quiet spell at the next tick', async () => {
    const hub = await kit.open({ countsMs: 1000 }); // ticks only: each batch below is a tick's
    const a = await kit.connect(hub);
    const start = kit.clock;
    await hub.tick(); // the join
    // A like every 100 ms for 2.5 s, a tick after each.
    for (let i = 1; i <= 25; i++) {
      hub.like(1);
      kit.clock += 100;
      await hub.tick();
    }
    const batches = a.ws.timedBatches();
    expect(batches.map((b) => b.at - start)).toEqual([0, 1000, 2000]);
    // Each carries the total as it was then: nothing is lost, only written less often.
    expect(batches.map((b) => b.batch.counts.likes)).toEqual([0, 10, 20]);
    kit.clock += 500;
    await hub.tick(); // the last five likes, 1,000 ms after the last batch
    expect(a.ws.batches().at(-1)!.counts.likes).toBe(25);
    kit.clock += 5000;
    await kit.settled(hub); // a quiet spell: what was left settled, and written if it changed anything
    kit.clock += 1000;
    const quietFrames = a.ws.batches().length;
    hub.like(1);
    kit.clock += 100;
    await hub.tick();
    expect(a.ws.batches()).toHaveLength(quietFrames + 1);
    expect(a.ws.batches().at(-1)!.counts.likes).toBe(26);
  });

  it('sends the latest counts with chat at once, and counts alone then wait countsMs from that write', async () => {
    const hub = await kit.open({ ...quiet, countsMs: 1000 });
    const a = await kit.connect(hub);
    await hub.tick(); // the join
    const frames = a.ws.batches().length;
    hub.like(3);
    kit.clock += 100;
    await hub.tick(); // within countsMs of the join's batch: not written
    expect(a.ws.batches()).toHaveLength(frames);
    hub.chat(a.client, 'r', 'with the likes');
    await vi.waitFor(() => expect(got(a.ws, 'with the likes')).toBe(1));
    expect(a.ws.batches().at(-1)!.counts.likes).toBe(3);
    hub.like(1);
    kit.clock += 950;
    await hub.tick(); // 1,050 ms after the join's batch, 950 after the chat's
    expect(a.ws.batches()).toHaveLength(frames + 1);
    kit.clock += 50;
    await hub.tick();
    expect(a.ws.batches()).toHaveLength(frames + 2);
    expect(a.ws.batches().at(-1)!.counts.likes).toBe(4);
  });

  it('a big room gets paced counts in every lane, each socket once per round of lanes', async () => {
    const hub = await kit.open({ countsMs: 1000, laneSockets: 2 }); // five sockets: three lanes
    const sockets = await Promise.all(Array.from({ length: 5 }, () => kit.connect(hub)));
    for (let i = 0; i < 3; i++) await hub.tick(); // the joins, every lane
    const before = sockets.map((s) => s.ws.batches().length);
    hub.like(7);
    for (let i = 0; i < 3; i++) {
      kit.clock += 40;
      await hub.tick(); // within countsMs: nothing
    }
    expect(sockets.map((s) => s.ws.batches().length)).toEqual(before);
    kit.clock += 1000;
    for (let i = 0; i < 3; i++) await hub.tick();
    expect(sockets.map((s) => s.ws.batches().length)).toEqual(before.map((n) => n + 1));
    for (const s of sockets) expect(s.ws.batches().at(-1)!.counts.likes).toBe(7);
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
