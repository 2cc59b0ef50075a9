import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Bus, BusHandler, Json } from './bus.port';

/** What the suite passes to `open`: every adapter takes an `onError` so the suite can see reports. */
export interface BusContractOptions {
  onError: (error: unknown, topic?: string) => void;
}

export interface BusContractSettings {
  /** The bus is one process by definition (memory): there is no second node to deliver to. */
  singleProcess?: boolean;
}

/** A handler that records what it receives, and waits until it has received `n` messages. */
function inbox() {
  const received: { message: Json; topic: string }[] = [];
  const handler: BusHandler = (message, topic) => void received.push({ message, topic });
  const until = (n: number) =>
    vi.waitFor(() => expect(received.length).toBeGreaterThanOrEqual(n), { timeout: 10_000, interval: 5 });
  return { received, handler, until, messages: () => received.map((r) => r.message) };
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/**
 * The guarantees of bus.port.ts, run against every adapter. "Nothing else arrived" is checked with a
 * sentinel published after the message under test: per-topic order means anything earlier would
 * have arrived first.
 */
export function describeBusContract(
  name: string,
  open: (options: BusContractOptions) => Promise<Bus>,
  settings: BusContractSettings = {},
): void {
  describe(`${name} bus contract`, () => {
    let prefix = '';
    let opened: Bus[] = [];
    let errors: { error: unknown; topic?: string }[] = [];
    // A fresh prefix per test, so parallel runs against one server never see each other's messages.
    const topic = (rest: string) => `${prefix}.${rest}`;
    const node = async () => {
      const bus = await open({ onError: (error, topic) => void errors.push({ error, topic }) });
      opened.push(bus);
      return bus;
    };

    beforeEach(() => {
      prefix = `t${randomUUID().replaceAll('-', '')}`;
      errors = [];
    });
    afterEach(async () => {
      await Promise.all(opened.map((bus) => bus.close()));
      opened = [];
      expect(errors, 'unexpected onError reports').toEqual([]);
    });

    it('delivers a published JSON message once, with its topic', async () => {
      const bus = await node();
      const box = inbox();
      await bus.subscribe(topic('room.a'), box.handler);
      const message = { text: '你好 👋', n: -1.5, ok: true, none: null, list: [1, 'two', { three: [] }] };
      await bus.publish(topic('room.a'), message);
      await bus.publish(topic('room.a'), 'sentinel');
      await box.until(2);
      expect(box.received).toEqual([
        { message, topic: topic('room.a') },
        { message: 'sentinel', topic: topic('room.a') },
      ]);
    });

    it('delivers asynchronously, never inside publish', async () => {
      const bus = await node();
      const box = inbox();
      await bus.subscribe(topic('room.a'), box.handler);
      const published = bus.publish(topic('room.a'), 1);
      expect(box.received).toHaveLength(0);
      await published;
      await box.until(1);
    });

    it('matches exact topics only', async () => {
      const bus = await node();
      const exact = inbox();
      await bus.subscribe(topic('room.a'), exact.handler);
      const others = ['room.ab', 'room', 'room.a.b', 'room.A'];
      for (const other of others) {
        const witness = inbox();
        await bus.subscribe(topic(other), witness.handler);
        await bus.publish(topic(other), other);
        await witness.until(1); // it reached this node, so `exact` would have had it too
      }
      await bus.publish(topic('room.a'), 'sentinel');
      await exact.until(1);
      expect(exact.messages()).toEqual(['sentinel']);
    });

    it('delivers to every subscriber of a topic', async () => {
      const bus = await node();
      const boxes = [inbox(), inbox(), inbox()];
      for (const box of boxes) await bus.subscribe(topic('room.a'), box.handler);
      await bus.publish(topic('room.a'), 'hello');
      await bus.publish(topic('room.a'), 'sentinel');
      for (const box of boxes) {
        await box.until(2);
        expect(box.messages()).toEqual(['hello', 'sentinel']);
      }
    });

    it('keeps the other subscribers when one unsubscribes, even if it unsubscribes twice', async () => {
      const bus = await node();
      const [leaving, staying] = [inbox(), inbox()];
      const unsubscribe = await bus.subscribe(topic('room.a'), leaving.handler);
      await bus.subscribe(topic('room.a'), staying.handler);
      await unsubscribe();
      await unsubscribe(); // must not count as a second subscriber leaving
      await bus.publish(topic('room.a'), 'after');
      await staying.until(1);
      expect(staying.messages()).toEqual(['after']);
      expect(leaving.received).toEqual([]);
    });

    it('treats the same handler subscribed twice as two subscriptions', async () => {
      const bus = await node();
      const box = inbox();
      const first = await bus.subscribe(topic('room.a'), box.handler);
      await bus.subscribe(topic('room.a'), box.handler);
      await bus.publish(topic('room.a'), 'both');
      await box.until(2); // unsubscribing with 'both' still in flight would rightly drop a copy
      await first();
      await bus.publish(topic('room.a'), 'one');
      await bus.publish(topic('room.a'), 'sentinel');
      await box.until(4);
      expect(box.messages()).toEqual(['both', 'both', 'one', 'sentinel']);
    });

    it('delivers again when a topic is subscribed after its last subscriber left', async () => {
      const bus = await node();
      const [before, after] = [inbox(), inbox()];
      const unsubscribe = await bus.subscribe(topic('room.a'), before.handler);
      await unsubscribe();
      await bus.subscribe(topic('room.a'), after.handler);
      await bus.publish(topic('room.a'), 'again');
      await after.until(1);
      expect(after.messages()).toEqual(['again']);
      expect(before.received).toEqual([]);
    });

    it('keeps the order of 1,000 publishes that were not awaited one by one', async () => {
      const bus = await node();
      const box = inbox();
      await bus.subscribe(topic('room.a'), box.handler);
      await Promise.all(range(1000).map((i) => bus.publish(topic('room.a'), i)));
      await box.until(1000);
      expect(box.messages()).toEqual(range(1000));
    });

    it('gives each subscriber its own copy, taken when published', async () => {
      const bus = await node();
      const seen: string[] = [];
      // Each handler records what it got, then vandalises it: a shared object would show the damage.
      const vandal: BusHandler = (message) => {
        seen.push(JSON.stringify(message));
        const m = message as { n: number; list: number[] };
        m.n += 100;
        m.list.push(99);
      };
      await bus.subscribe(topic('room.a'), vandal);
      await bus.subscribe(topic('room.a'), vandal);
      const message = { n: 1, list: [1] };
      const published = bus.publish(topic('room.a'), message);
      message.n = 2; // the publisher's later change is not part of what it published
      await published;
      await vi.waitFor(() => expect(seen).toHaveLength(2));
      expect(seen).toEqual(['{"n":1,"list":[1]}', '{"n":1,"list":[1]}']);
    });

    it('reports a throwing handler through onError and keeps delivering to the others', async () => {
      const bus = await node();
      const box = inbox();
      const failure = new Error('handler bug');
      await bus.subscribe(topic('room.a'), () => {
        throw failure;
      });
      await bus.subscribe(topic('room.a'), box.handler);
      await bus.publish(topic('room.a'), 1);
      await bus.publish(topic('room.a'), 2);
      await box.until(2);
      expect(box.messages()).toEqual([1, 2]);
      expect(errors).toEqual([
        { error: failure, topic: topic('room.a') },
        { error: failure, topic: topic('room.a') },
      ]);
      errors = [];
    });

    it('refuses topics outside the portable alphabet', async () => {
      const bus = await node();
      for (const bad of ['', 'room.*', 'room.>', '>', 'room a', 'room..a', '.room', 'room.', 'x'.repeat(201)]) {
        await expect(bus.publish(bad, 1), bad).rejects.toThrow(/invalid bus topic/);
        await expect(bus.subscribe(bad, () => {}), bad).rejects.toThrow(/invalid bus topic/);
      }
    });

    it('refuses a message that is not JSON', async () => {
      const bus = await node();
      const cyclic: Record<string, unknown> = {};
      cyclic.self = cyclic;
      await expect(bus.publish(topic('room.a'), undefined as unknown as Json)).rejects.toThrow();
      await expect(bus.publish(topic('room.a'), cyclic as Json)).rejects.toThrow();
    });

    it('rejects publish and subscribe once closed, and closes idempotently', async () => {
      const bus = await node();
      await bus.close();
      await bus.close();
      await expect(bus.publish(topic('room.a'), 1)).rejects.toThrow(/closed/);
      await expect(bus.subscribe(topic('room.a'), () => {})).rejects.toThrow(/closed/);
    });

    describe.skipIf(settings.singleProcess)('between nodes', () => {
      it("delivers to subscribers on another node and on the publisher's own node", async () => {
        const [a, b] = [await node(), await node()];
        const [onA, onB] = [inbox(), inbox()];
        await a.subscribe(topic('room.a'), onA.handler);
        await b.subscribe(topic('room.a'), onB.handler);
        await a.publish(topic('room.a'), { from: 'a' });
        await onA.until(1);
        await onB.until(1);
        expect(onB.received).toEqual([{ message: { from: 'a' }, topic: topic('room.a') }]);
        expect(onA.messages()).toEqual([{ from: 'a' }]);
      });

      it('keeps the order of 1,000 publishes from one node as seen on another', async () => {
        const [a, b] = [await node(), await node()];
        const box = inbox();
        await b.subscribe(topic('room.a'), box.handler);
        await Promise.all(range(1000).map((i) => a.publish(topic('room.a'), i)));
        await box.until(1000);
        expect(box.messages()).toEqual(range(1000));
      });
    });
  });
}
