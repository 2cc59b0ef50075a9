import { afterEach, describe, expect, it, vi } from 'vitest';
import { MemoryBus } from '../platform/bus/bus.memory';
import { helloFrame } from '../contracts/realtime.schemas';
import { type FakeSocket, hubFixture } from './hub.fixture';
import type { RoomHub } from './hub';
import { hubTopic } from './topics';

/** Hub behaviour with stand-in sockets: what it writes to whom, tick by tick (ticks driven by hand). */
const fx = hubFixture();
afterEach(() => fx.closeAll());
const openHub = fx.open;
const connect = fx.connect;
const settled = fx.settled;
const events = fx.events;

/**
 * Writes what is waiting (an early write: no tick, so no settlement) until the `n`th show.state
 * event has reached the socket: the hub handles a show going live asynchronously, and sends the
 * event only once the switch is done.
 */
async function showStateWritten(hub: RoomHub, ws: FakeSocket, n: number) {
  await vi.waitFor(async () => {
    await hub.flush();
    expect(ws.batches().flatMap((b) => b.events).filter((e) => e.type === 'show.state')).toHaveLength(n);
  });
}

/** Resolves once the chat texts have been relayed on the room's hub topic (seen by a subscriber added after the hubs). */
function watchRelay(bus: MemoryBus, roomId: string) {
  const texts: string[] = [];
  const ready = bus.subscribe(hubTopic(roomId), (msg: any) => {
    if (msg.k === 'chat') texts.push(...msg.messages.map((m: { text: string }) => m.text));
  });
  return async (expected: string[]) => {
    await ready;
    await vi.waitFor(() => expect(texts).toEqual(expected));
  };
}

describe('room hub', () => {
  it('writes the same encoded batch to every socket, once per tick, only when something changed', async () => {
    const hub = await openHub();
    const a = await connect(hub);
    const b = await connect(hub);
    await hub.tick();
    hub.chat(a.client, 'r1', 'hello');
    hub.chat(b.client, 'r2', 'world');
    hub.like(5);
    await hub.tick();
    expect(a.ws.sent.at(-1)).toBe(b.ws.sent.at(-1));
    const last = a.ws.batches().at(-1)!;
    expect(last.chat.map((m) => m.text).sort()).toEqual(['hello', 'world']);
    expect(last.counts.likes).toBe(5);
    const count = a.ws.sent.length;
    await hub.tick();
    expect(a.ws.sent.length).toBe(count);
  });

  it('greets a socket with counts that include it', async () => {
    const hub = await openHub();
    await connect(hub);
    await connect(hub);
    const third = await connect(hub);
    expect(helloFrame.parse(JSON.parse(third.ws.sent[0]!)).counts).toMatchObject({ online: 3, pcu: 3 });
    const host = await connect(hub, 'host');
    expect(helloFrame.parse(JSON.parse(host.ws.sent[0]!)).counts.online).toBe(4);
  });

  it('samples crowd chat to the per-second budget but always shows the host', async () => {
    const hub = await openHub({ chatPerSecond: 20 });
    const viewers = await Promise.all(Array.from({ length: 50 }, () => connect(hub)));
    const host = await connect(hub, 'host');
    await hub.tick();
    fx.clock += 1000;
    viewers.forEach((v, i) => hub.chat(v.client, `r${i}`, `crowd ${i}`));
    hub.chat(host.client, 'h', 'host speaks');
    await hub.tick();
    const batch = viewers[0]!.ws.batches().at(-1)!;
    expect(batch.chat.some((m) => m.text === 'host speaks')).toBe(true);
    expect(batch.chat.filter((m) => m.text.startsWith('crowd')).length).toBe(20);
    // Every sender got its own message back in an ack, sampled out or not.
    for (const v of viewers) expect(v.ws.sent.some((s) => JSON.parse(s).t === 'ack')).toBe(true);
  });

  it('lets a slow socket skip batches, closes it with 4008 if it stays behind, and never holds up the others', async () => {
    const hub = await openHub({ slowCloseMs: 5000 });
    const fast = await connect(hub);
    const slow = await connect(hub);
    await hub.tick();
    slow.ws.bufferedAmount = 5000;
    const before = slow.ws.sent.length;
    // Behind from the first skipped tick; 2 s later still within slowCloseMs, 6 s later out.
    for (let i = 0; i < 3; i++) {
      hub.like(1);
      fx.clock += 2000;
      await hub.tick();
    }
    expect(slow.ws.closedWith).toBeUndefined();
    hub.like(1);
    fx.clock += 2000;
    await hub.tick();
    expect(slow.ws.sent.length).toBe(before);
    expect(fast.ws.batches().at(-1)!.counts.likes).toBe(4);
    expect(slow.ws.closedWith).toBe(4008);
  });

  it('a socket that catches up in time is not closed and gets the current totals', async () => {
    const hub = await openHub({ slowCloseMs: 5000 });
    const slow = await connect(hub);
    await hub.tick();
    slow.ws.bufferedAmount = 5000;
    hub.like(1);
    fx.clock += 2000;
    await hub.tick();
    slow.ws.bufferedAmount = 0;
    hub.like(1);
    fx.clock += 2000;
    await hub.tick();
    expect(slow.ws.closedWith).toBeUndefined();
    expect(slow.ws.batches().at(-1)!.counts.likes).toBe(2);
  });

  it('resumes from a seq inside the window with the missed batches, else gives a fresh snapshot', async () => {
    const hub = await openHub({ resumeFrames: 3 });
    const a = await connect(hub);
    await hub.tick();
    const seen = a.ws.batches().at(-1)!.seq;
    hub.leave(a.client);
    const talker = await connect(hub);
    for (const text of ['one', 'two']) {
      hub.chat(talker.client, text, text);
      await hub.tick();
    }
    const back = await connect(hub, 'viewer', { epoch: hub.epoch, seq: seen });
    const hello = helloFrame.parse(JSON.parse(back.ws.sent[0]!));
    expect(hello.resumed).toBe(true);
    expect(back.ws.batches().flatMap((b) => b.chat.map((m) => m.text))).toEqual(['one', 'two']);

    for (const text of ['three', 'four', 'five', 'six']) {
      hub.chat(talker.client, text, text);
      await hub.tick();
    }
    const tooLate = await connect(hub, 'viewer', { epoch: hub.epoch, seq: seen });
    const snap = helloFrame.parse(JSON.parse(tooLate.ws.sent[0]!));
    expect(snap.resumed).toBe(false);
    expect(snap.recent.map((m) => m.text)).toEqual(['one', 'two', 'three', 'four', 'five', 'six']);
    const otherNode = await connect(hub, 'viewer', { epoch: 'another-node', seq: 1 });
    expect(helloFrame.parse(JSON.parse(otherNode.ws.sent[0]!)).resumed).toBe(false);
  });

  it('brings a socket that skipped batches up to date in one frame, chat included', async () => {
    const hub = await openHub();
    const talker = await connect(hub);
    const slow = await connect(hub);
    await hub.tick();
    slow.ws.bufferedAmount = 5000;
    for (const text of ['one', 'two']) {
      hub.chat(talker.client, text, text);
      await hub.tick();
    }
    const skipped = slow.ws.batches().length;
    slow.ws.bufferedAmount = 0;
    hub.like(1);
    await hub.tick();
    expect(slow.ws.batches().length).toBe(skipped + 1);
    const caughtUp = slow.ws.batches().at(-1)!;
    expect(caughtUp.chat.map((m) => m.text)).toEqual(['one', 'two']);
    expect(caughtUp).toMatchObject({ seq: hub.seq, counts: { likes: 1 } });
  });

  it('writes a big room in lanes, one per sub-tick: every socket gets each message once, within one round', async () => {
    const hub = await openHub({ laneSockets: 2 });
    const sockets = await Promise.all(Array.from({ length: 5 }, () => connect(hub)));
    expect(hub.lanesFor(6)).toBe(3); // with the late joiner below: still three lanes
    for (let i = 0; i < 3; i++) await hub.tick(); // the joins reach every lane
    hub.chat(sockets[0]!.client, 'r', 'hello lanes');
    await hub.tick();
    const got = () => sockets.filter((s) => s.ws.batches().some((b) => b.chat.some((m) => m.text === 'hello lanes'))).length;
    expect(got()).toBeGreaterThan(0);
    expect(got()).toBeLessThan(5); // only this sub-tick's lane
    const late = await connect(hub); // joins after the message: it is in its snapshot, and must not come again
    expect(helloFrame.parse(JSON.parse(late.ws.sent[0]!)).recent.map((m) => m.text)).toContain('hello lanes');
    await hub.tick();
    await hub.tick();
    expect(got()).toBe(5);
    for (const s of [...sockets, late]) {
      await hub.tick();
      const texts = s.ws.batches().flatMap((b) => b.chat.map((m) => m.text));
      expect(texts.filter((t) => t === 'hello lanes').length).toBe(s === late ? 0 : 1);
    }
    const seqs = sockets[1]!.ws.batches().map((b) => b.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
  });

  it('writes a large room in chunks, yielding to the event loop between them', async () => {
    const hub = await openHub({ writeChunk: 2 });
    const sockets = await Promise.all(Array.from({ length: 7 }, () => connect(hub)));
    await hub.tick();
    hub.like(1);
    let yielded = false;
    setImmediate(() => (yielded = true));
    await hub.tick();
    expect(yielded).toBe(true);
    for (const s of sockets) expect(s.ws.batches().at(-1)!.counts.likes).toBe(1);
  });

  it('with per-process counters (workers without Redis) shows the sum of every node’s likes and online', async () => {
    const bus = new MemoryBus();
    const a = await openHub({}, { bus, nodeId: 'a' });
    const b = await openHub({}, { bus, nodeId: 'b' });
    const onA = await connect(a);
    await connect(b);
    await connect(b);
    a.like(3);
    b.like(4);
    await a.tick();
    await b.tick();
    await new Promise((r) => setImmediate(r)); // the memory bus delivers asynchronously
    a.like(0);
    await a.tick();
    expect(a.counts()).toMatchObject({ online: 3, likes: 7, views: 3 });
    expect(b.counts()).toMatchObject({ online: 3, likes: 7, views: 3 });
    expect(onA.ws.batches().at(-1)!.counts).toMatchObject({ online: 3, likes: 7 });
  });

  it('counts per show: when a show goes live its numbers start, with everyone present as one view each', async () => {
    const hub = await openHub();
    const a = await connect(hub);
    await connect(hub);
    await connect(hub, 'host');
    hub.like(9);
    await hub.tick();
    expect(hub.counts()).toMatchObject({ views: 2, likes: 9, online: 3 });
    const showId = '00000000-0000-4000-8000-0000000000c1';
    events[0]!({ type: 'show.state', showId, state: 'live' });
    await showStateWritten(hub, a.ws, 1); // the switch is done: the event goes out with the show's numbers
    expect(a.ws.batches().at(-1)!.counts).toMatchObject({ views: 0, likes: 0, online: 3 });
    expect(hub.counts()).toMatchObject({ views: 0, likes: 0, online: 3 });
    await settled(hub); // views are counted at the next settlement
    expect(hub.counts()).toMatchObject({ views: 2, unique: 2, likes: 0, online: 3 });
    hub.like(2);
    await hub.tick();
    expect(a.ws.batches().at(-1)!.counts).toMatchObject({ likes: 2, views: 2 });
    events[0]!({ type: 'show.state', showId, state: 'live' }); // the same show again changes nothing
    await showStateWritten(hub, a.ws, 2);
    expect(hub.counts()).toMatchObject({ likes: 2, views: 2 });
    expect(hub.showId).toBe(showId);
    // Once the show ended the hub names no show (readers such as analytics' live audiences skip it),
    // though it keeps its numbers until the next show starts.
    events[0]!({ type: 'show.state', showId, state: 'ended' });
    expect(hub.showId).toBeUndefined();
  });

  it('relays accepted chat to the other nodes at once, so it waits for one tick (theirs), not two', async () => {
    const bus = new MemoryBus();
    const a = await openHub({}, { bus, nodeId: 'a' });
    const b = await openHub({}, { bus, nodeId: 'b' });
    const relayed = watchRelay(bus, a.room.id); // subscribed after b: the bus delivers to b first
    const sender = await connect(a);
    const onB = await connect(b);
    a.chat(sender.client, '1', 'first');
    a.chat(sender.client, '2', 'second');
    await relayed(['first', 'second']); // a has not ticked
    await b.tick();
    expect(onB.ws.batches().at(-1)!.chat.map((m) => m.text)).toEqual(['first', 'second']);
  });

  it('stops counting the sockets of a node that went quiet, and tells the room', async () => {
    const bus = new MemoryBus();
    const a = await openHub({ peerTimeoutMs: 6000 }, { bus, nodeId: 'a' });
    const b = await openHub({ peerTimeoutMs: 6000 }, { bus, nodeId: 'b' });
    const onA = await connect(a);
    await connect(b);
    await b.tick();
    await new Promise((r) => setImmediate(r));
    await a.tick();
    expect(onA.ws.batches().at(-1)!.counts.online).toBe(2);
    await b.close(); // node b is gone: no more heartbeats
    fx.clock += 7000;
    await a.tick();
    expect(onA.ws.batches().at(-1)!.counts.online).toBe(1);
  });
});
