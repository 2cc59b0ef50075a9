import { afterEach, describe, expect, it, vi } from 'vitest';
import { MemoryBus } from '../platform/bus/bus.memory';
import { MemoryCounters } from '../platform/counters/counters.memory';
import type { ChatMessage } from '../contracts/realtime.schemas';
import { freezable, hubFixture, quietStore } from './hub.fixture';
import type { HubMetrics } from './hub';

/** The room under faults (issue 9): a stalled Redis, bus or database never stops a hub's sockets. */
const fx = hubFixture();
afterEach(() => fx.closeAll());
const texts = (ws: { batches(): { chat: { text: string }[] }[] }) => ws.batches().flatMap((b) => b.chat.map((m) => m.text));
const realWait = (ms: number) => new Promise((r) => setTimeout(r, ms));
const roomScope = 'room:00000000-0000-4000-8000-00000000000a';

function recordingMetrics() {
  const flow = new Map<string, number>();
  const faults: string[] = [];
  const metrics: HubMetrics = {
    rooms() {}, sockets() {}, tick() {}, chat() {},
    chatFlow: (what, n) => flow.set(what, (flow.get(what) ?? 0) + n),
    fault: (what) => void faults.push(what),
  };
  return { metrics, flow, faults };
}

describe('a room hub under faults', () => {
  it('keeps writing chat to its sockets while the counters do not answer, and counts the likes once when they return', async () => {
    const memory = new MemoryCounters(() => fx.clock);
    const { proxy: counters, control } = freezable(memory);
    const hub = await fx.open({ settleTimeoutMs: 30 }, { counters });
    const a = await fx.connect(hub);
    const b = await fx.connect(hub);
    await fx.settled(hub);
    control.frozen = true; // Redis SIGSTOPped
    hub.like(5, undefined);
    hub.chat(a.client, 'r1', 'during the freeze');
    await hub.tick(); // returns: the tick does not wait for the counters
    expect(texts(b.ws)).toContain('during the freeze');
    expect(b.ws.batches().at(-1)!.counts.likes).toBe(5); // this node's own likes, shown at once
    for (let i = 0; i < 3; i++) {
      fx.clock += 200;
      hub.like(1);
      await hub.tick();
      await realWait(40); // past settleTimeoutMs: the settlement times out and is kept
    }
    control.thaw(); // Redis resumes: the held settlements are applied now
    for (let i = 0; i < 3; i++) await fx.settled(hub);
    expect((await memory.read(roomScope)).likes).toBe(8);
    expect(b.ws.batches().at(-1)!.counts.likes).toBe(8);
  });

  it('counts likes tapped while the counters fail, once they work again', async () => {
    const memory = new MemoryCounters(() => fx.clock);
    let failing = false;
    const counters = new Proxy(memory, {
      get: (t, key, r) => {
        const v = Reflect.get(t, key, r);
        return typeof v === 'function' && key !== 'close' ? (...args: unknown[]) => (failing ? Promise.reject(new Error('ECONNREFUSED')) : v.apply(t, args)) : v;
      },
    });
    const hub = await fx.open({}, { counters });
    const viewer = await fx.connect(hub);
    await fx.settled(hub);
    failing = true; // Redis killed
    hub.like(4);
    await fx.settled(hub);
    hub.like(3);
    await fx.settled(hub);
    failing = false; // Redis restarted
    await fx.settled(hub);
    await fx.settled(hub);
    expect(viewer.ws.batches().at(-1)!.counts.likes).toBe(7);
    expect((await memory.read(roomScope)).likes).toBe(7);
  });

  it('keeps the room going while the bus does not answer, and chat crosses nodes again when it returns', async () => {
    const { proxy: bus, control } = freezable(new MemoryBus());
    const a = await fx.open({ settleTimeoutMs: 30 }, { bus, nodeId: 'a' });
    const b = await fx.open({ settleTimeoutMs: 30 }, { bus, nodeId: 'b' });
    const onA = await fx.connect(a);
    const onB = await fx.connect(b);
    await fx.settled(a);
    await fx.settled(b);
    control.frozen = true; // NATS or Redis pub/sub SIGSTOPped
    a.chat(onA.client, 'r1', 'local during the freeze');
    await a.tick();
    await realWait(40);
    await a.tick();
    expect(texts(onA.ws)).toContain('local during the freeze');
    control.thaw();
    a.chat(onA.client, 'r2', 'after the freeze');
    await vi.waitFor(async () => {
      await b.tick();
      expect(texts(onB.ws)).toContain('after the freeze');
    });
  });

  it('keeps at most chatStoreBacklog messages waiting while the database does not answer, and counts the rest', async () => {
    const { metrics, flow, faults } = recordingMetrics();
    let release = () => {};
    const saved: ChatMessage[] = [];
    let calls = 0;
    const store = {
      ...quietStore,
      saveChat: (_room: string, messages: readonly ChatMessage[]) => {
        calls++;
        if (calls === 1) return new Promise<void>((r) => (release = r)); // PostgreSQL stalls on the first insert
        saved.push(...messages);
        return Promise.resolve();
      },
    };
    const hub = await fx.open({ chatStoreBacklog: 100, chatStorePerSecond: 1000, chatPerSecond: 1000 }, { store, metrics });
    const viewers = await Promise.all(Array.from({ length: 300 }, () => fx.connect(hub)));
    await hub.tick();
    fx.clock += 1000;
    viewers.forEach((v, i) => hub.chat(v.client, `r${i}`, `m${i}`));
    await hub.tick();
    expect(flow.get('backlog_full')).toBeGreaterThanOrEqual(199);
    release();
    await hub.close();
    expect(saved.length).toBeLessThanOrEqual(100);
    expect(faults).toEqual([]);
  });
});
