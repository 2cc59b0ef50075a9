import { afterEach, describe, expect, it } from 'vitest';
import { MemoryBus } from '../platform/bus/bus.memory';
import { MemoryCounters } from '../platform/counters/counters.memory';
import type { Counters } from '../platform/counters/counters.port';
import type { ChatMessage } from '../contracts/realtime.schemas';
import { hubFixture, quietStore, type FakeSocket } from './hub.fixture';
import type { HubStore, RoomHub } from './hub';
import { hubTopic } from './topics';

/**
 * Chat across nodes (issue 16), simulated: several hubs of one room on one bus, each with its own
 * per-process counters (node states on the bus) or all on one shared store (the room's roster
 * there, as with Redis), on an injected clock advanced 100 ms per tick. Each node relays its fair
 * share of the room's display budget (by its share of the room's sockets); host and moderator
 * messages always go; every viewer sees at most the budget in any sliding second.
 */
const fx = hubFixture();
afterEach(() => fx.closeAll());
const roomId = '00000000-0000-4000-8000-00000000000a';
const turn = () => new Promise((r) => setTimeout(r, 2));

interface Node {
  hub: RoomHub;
  viewers: Awaited<ReturnType<typeof fx.connect>>[];
  saved: ChatMessage[];
}

/** Counters shared by every simulated node, as Redis is: one store, its totals and the room's roster. */
function sharedCounters(down = { roster: false }): Counters {
  const memory = new MemoryCounters(() => fx.clock);
  return {
    kind: 'redis', // shared: totals and roster are the room's, not this process's
    settle: (scope, s) => memory.settle(scope, s),
    read: (scope) => memory.read(scope),
    retire: (scope) => memory.retire(scope),
    roster: (r, node, online, ttlMs) => (down.roster ? Promise.reject(new Error('Redis is down')) : memory.roster(r, node, online, ttlMs)),
    close: async () => {},
  };
}

/** A room over nodes with these socket counts, each node's chat relays counted by node, and every message on the bus by kind. */
async function room(sockets: number[], options: { chatStorePerSecond?: number; counters?: Counters } = {}) {
  const { counters, ...hubOptions } = options;
  const bus = new MemoryBus();
  const relayed = new Map<string, number>();
  const onBus = new Map<string, number>();
  await bus.subscribe(hubTopic(roomId), (m) => {
    const msg = m as { k: string; node: string; messages?: ChatMessage[] };
    onBus.set(msg.k, (onBus.get(msg.k) ?? 0) + 1);
    if (msg.k === 'chat') relayed.set(msg.node, (relayed.get(msg.node) ?? 0) + msg.messages!.filter((x) => x.from.role === 'viewer').length);
  });
  const nodes: Node[] = [];
  const add = async (n: number, i = nodes.length) => {
    const saved: ChatMessage[] = [];
    const store: HubStore = { ...quietStore, saveChat: async (_room, messages) => void saved.push(...messages) };
    const hub = await fx.open({ chatPerSecond: 20, relayMarginMs: 100, ...hubOptions }, { bus, nodeId: `n${i}`, counters: counters ?? new MemoryCounters(() => fx.clock), store });
    const node: Node = { hub, viewers: [], saved };
    for (let k = 0; k < n; k++) node.viewers.push(await fx.connect(hub));
    nodes.push(node);
    return node;
  };
  for (const n of sockets) await add(n);
  let said = 0;
  const r = {
    nodes,
    relayed,
    onBus,
    add,
    /** One 100 ms step: each node's viewers say `perNode` messages between them, then every hub ticks. */
    async step(perNode: number, only?: Node[]) {
      for (const node of only ?? nodes) for (let k = 0; k < perNode; k++) {
        const v = node.viewers[k % node.viewers.length]!;
        node.hub.chat(v.client, `r${said}`, `m${said++}`);
      }
      fx.clock += 100;
      for (const node of nodes) await node.hub.tick();
      for (const node of nodes) await node.hub.settled(); // the settlements (and roster reads) the ticks started
      await turn();
    },
    /** Ticks until every node knows every other (state messages on the bus; a roster period, 1 s, with shared counters). */
    async settle(steps = counters ? 11 : 5) {
      for (let i = 0; i < steps; i++) await r.step(0);
    },
  };
  await r.settle();
  return r;
}

/** The most crowd messages one socket was shown within any sliding second. */
function maxPerSlidingSecond(ws: FakeSocket): number {
  const times = ws.timedBatches().flatMap(({ at, batch }) => batch.chat.filter((m) => m.from.role === 'viewer').map(() => at));
  let max = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= 1000) j++;
    max = Math.max(max, i - j + 1);
  }
  return max;
}

describe('chat across nodes', () => {
  it('each node relays its share of the display budget by its share of the room’s sockets', async () => {
    const r = await room([6, 2, 2]); // shares 12, 4 and 4 a second of a budget of 20
    r.relayed.clear();
    for (let i = 0; i < 100; i++) await r.step(20); // 200 a second offered on each node, for 10 s
    const [a, b, c] = ['n0', 'n1', 'n2'].map((n) => r.relayed.get(n) ?? 0);
    // 10 s at 12, 4 and 4 per 1.1 s (a second and the 100 ms margin), the first window at once.
    expect(a).toBeGreaterThanOrEqual(105);
    expect(a).toBeLessThanOrEqual(12 * 10);
    for (const x of [b!, c!]) {
      expect(x).toBeGreaterThanOrEqual(35);
      expect(x).toBeLessThanOrEqual(4 * 10);
    }
    // What each node takes from the bus is the room's budget, not the 600 a second accepted; and
    // every node shows the same sample (the display cap dropped nothing: the shares add up to it).
    await r.step(0);
    const seen = r.nodes.map((node) => [...node.viewers[0]!.ws.chatTexts()].sort());
    for (const [i, node] of r.nodes.entries()) {
      expect(maxPerSlidingSecond(node.viewers[0]!.ws)).toBeLessThanOrEqual(20);
      expect(seen[i]!.length).toBeGreaterThanOrEqual(175);
      expect(seen[i]).toEqual(seen[0]);
    }
  });

  it('never samples out host and moderator messages: every node shows them all, whatever the crowd', async () => {
    const r = await room([3, 3]);
    const host = await fx.connect(r.nodes[1]!.hub, 'host');
    const mod = await fx.connect(r.nodes[0]!.hub, 'moderator');
    for (let i = 0; i < 30; i++) {
      r.nodes[1]!.hub.chat(host.client, `h${i}`, `host ${i}`);
      r.nodes[0]!.hub.chat(mod.client, `m${i}`, `mod ${i}`);
      await r.step(50);
    }
    await r.step(0);
    for (const node of r.nodes) {
      const texts = node.viewers[0]!.ws.chatTexts();
      expect(texts.filter((t) => t.startsWith('host ')).length).toBe(30);
      expect(texts.filter((t) => t.startsWith('mod ')).length).toBe(30);
    }
  });

  it('gives every viewer at most the budget in any sliding second (300 accepted in 2 s over two nodes)', async () => {
    const r = await room([2, 2]);
    for (let i = 0; i < 20; i++) await r.step(15 - (i % 2) * 10); // 15 and 5 a step by turns: bursts
    for (let i = 0; i < 12; i++) await r.step(0);
    for (const node of r.nodes) for (const v of node.viewers) expect(maxPerSlidingSecond(v.ws)).toBeLessThanOrEqual(20);
  });

  it('changes the shares within one state period when a node joins, and at once when one leaves', async () => {
    const r = await room([2]);
    r.relayed.clear();
    for (let i = 0; i < 30; i++) await r.step(20);
    expect(r.relayed.get('n0')).toBeGreaterThanOrEqual(60); // alone: the whole budget
    const b = await r.add(2);
    // Two state rounds: b announces itself, and a, hearing a node it did not know, answers at once.
    await r.step(0);
    await r.step(0);
    r.relayed.clear();
    for (let i = 0; i < 30; i++) await r.step(20);
    expect(r.relayed.get('n0')).toBeLessThanOrEqual(10 * 3 + 2); // half the sockets: half the budget
    expect(r.relayed.get('n1')).toBeLessThanOrEqual(10 * 3 + 10 + 2); // + the one second's worth it held
    await b.hub.close();
    r.nodes.pop();
    await turn();
    r.relayed.clear();
    for (let i = 0; i < 30; i++) await r.step(20);
    expect(r.relayed.get('n0')).toBeGreaterThanOrEqual(55);
  });

  it('stores what was shown whatever the rate, the rest up to the cap, and counts accepted, shown and stored across nodes', async () => {
    const r = await room([1, 1], { chatStorePerSecond: 5 });
    for (let i = 0; i < 20; i++) await r.step(i < 10 ? 30 : 1); // 1 s of 300 a second per node, then 1 s of 10
    for (let i = 0; i < 20; i++) await r.step(0);
    const accepted = 2 * (10 * 30 + 10);
    for (const [i, node] of r.nodes.entries()) {
      const ownShown = node.viewers[0]!.ws.batches().flatMap((b) => b.chat).filter((m) => r.nodes[i]!.viewers.some((v) => v.client.viewer.id === m.from.id));
      // Every message of this node that any viewer saw is stored (moderation can act on it).
      for (const m of ownShown) expect(node.saved.some((s) => s.id === m.id)).toBe(true);
      // The rest is stored within 5 a second: 2 s of flood and calm, plus the first second's tokens.
      expect(node.saved.length - ownShown.length).toBeLessThanOrEqual(5 * 4 + 5);
      expect(node.saved.length).toBeLessThan(310);
    }
    const totals = r.nodes.map((n) => n.hub.chatTotals());
    const stored = r.nodes.reduce((n, x) => n + x.saved.length, 0);
    const shown = r.nodes[0]!.viewers[0]!.ws.batches().flatMap((b) => b.chat).length;
    for (const t of totals) expect(t).toEqual({ accepted, shown, stored });
  });
});

describe('chat across nodes, with the room’s roster in shared counters (Redis)', () => {
  it('takes no node state from the bus, and still relays each node’s share by its share of the sockets', async () => {
    const r = await room([6, 2, 2], { counters: sharedCounters() });
    r.relayed.clear();
    r.onBus.clear();
    for (let i = 0; i < 100; i++) await r.step(20);
    const [a, b, c] = ['n0', 'n1', 'n2'].map((n) => r.relayed.get(n) ?? 0);
    expect(a).toBeGreaterThanOrEqual(105);
    expect(a).toBeLessThanOrEqual(12 * 10);
    for (const x of [b!, c!]) {
      expect(x).toBeGreaterThanOrEqual(35);
      expect(x).toBeLessThanOrEqual(4 * 10);
    }
    // Over 10 s of three nodes ticking 10 times a second: chat relays only, no state message.
    expect(r.onBus.get('state') ?? 0).toBe(0);
    expect(r.nodes.map((n) => n.hub.counts().online)).toEqual([10, 10, 10]);
    await r.step(0);
    const seen = r.nodes.map((node) => [...node.viewers[0]!.ws.chatTexts()].sort());
    for (const [i, node] of r.nodes.entries()) {
      expect(maxPerSlidingSecond(node.viewers[0]!.ws)).toBeLessThanOrEqual(20);
      expect(seen[i]).toEqual(seen[0]);
    }
  });

  it('changes the shares within one roster period when a node joins or leaves', async () => {
    const r = await room([2], { counters: sharedCounters() });
    const a = r.nodes[0]!;
    await r.add(2);
    // The new node read the roster when it opened; the first one reads it within a second (10 steps).
    for (let i = 0; i < 10 && a.hub.counts().online !== 4; i++) await r.step(0);
    expect(a.hub.counts().online).toBe(4);
    r.relayed.clear();
    for (let i = 0; i < 30; i++) await r.step(20);
    expect(r.relayed.get('n0')).toBeLessThanOrEqual(10 * 3 + 2); // half the sockets: half the budget
    await r.nodes.pop()!.hub.close(); // it leaves the roster as it closes
    for (let i = 0; i < 10 && a.hub.counts().online !== 2; i++) await r.step(0);
    expect(a.hub.counts().online).toBe(2);
    r.relayed.clear();
    for (let i = 0; i < 30; i++) await r.step(20);
    expect(r.relayed.get('n0')).toBeGreaterThanOrEqual(55); // alone again: the whole budget
  });

  it('stops counting a node unheard of for the peer timeout (6 s), and not before', async () => {
    const r = await room([2, 3], { counters: sharedCounters() });
    const a = r.nodes[0]!;
    expect(a.hub.counts().online).toBe(5);
    r.nodes.pop(); // the second node hangs: it no longer ticks, so it no longer writes the roster
    for (let i = 0; i < 50; i++) await r.step(0);
    expect(a.hub.counts().online).toBe(5); // 5 s: still counted
    for (let i = 0; i < 30 && a.hub.counts().online !== 2; i++) await r.step(0);
    expect(a.hub.counts().online).toBe(2); // by 6 s and one roster period
  });

  it('keeps the last roster it read while the counters do not answer, instead of counting itself alone', async () => {
    const down = { roster: false };
    const r = await room([2, 3], { counters: sharedCounters(down) });
    down.roster = true;
    for (let i = 0; i < 80; i++) await r.step(0); // 8 s: longer than the peer timeout
    expect(r.nodes.map((n) => n.hub.counts().online)).toEqual([5, 5]);
    down.roster = false;
    await r.nodes.pop()!.hub.close();
    for (let i = 0; i < 10 && r.nodes[0]!.hub.counts().online !== 2; i++) await r.step(0);
    expect(r.nodes[0]!.hub.counts().online).toBe(2);
  });

  it('adds up accepted, shown and stored across nodes from the shared totals', async () => {
    const r = await room([1, 1], { counters: sharedCounters(), chatStorePerSecond: 5 });
    for (let i = 0; i < 20; i++) await r.step(i < 10 ? 30 : 1);
    for (let i = 0; i < 20; i++) await r.step(0);
    const stored = r.nodes.reduce((n, x) => n + x.saved.length, 0);
    const shown = r.nodes[0]!.viewers[0]!.ws.batches().flatMap((b) => b.chat).length;
    for (const node of r.nodes) expect(node.hub.chatTotals()).toEqual({ accepted: 2 * (10 * 30 + 10), shown, stored });
  });
});
