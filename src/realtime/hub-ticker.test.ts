import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HubTicker, type TickTarget } from './hub-ticker';
import type { HubOptions } from './hub.types';

/**
 * When a hub writes, on fake timers (the ticker's clock is the faked Date): the steady tick, and
 * the early writes the policy allows between ticks, for a quiet, a bursty and a saturated room.
 */
type Write = { kind: 'tick' | 'flush'; at: number };

const options = (o: Partial<HubOptions> = {}) => ({ tickMs: 100, maxTickMs: 100, laneSockets: 2000, writeBudget: 15_000, writeHoldMs: 0, ...o });

let tickers: HubTicker[] = [];
beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(async () => {
  const stopped = Promise.all(tickers.map((t) => t.stop()));
  await vi.advanceTimersByTimeAsync(1000); // a write in flight finishes
  await stopped;
  tickers = [];
  vi.useRealTimers();
});

/** A room of `sockets` sockets whose every write reaches every socket (or its lane) and takes `writeMs`. */
function room(sockets: number, o: Partial<HubOptions> = {}, writeMs = 0) {
  const writes: Write[] = [];
  const lanes = Math.max(1, Math.ceil(sockets / (o.laneSockets ?? 2000)));
  const slow = () => (writeMs ? new Promise((r) => setTimeout(r, writeMs)) : Promise.resolve());
  const target: TickTarget = {
    sockets: () => sockets,
    async tick() {
      writes.push({ kind: 'tick', at: Date.now() });
      await slow();
      return sockets / lanes;
    },
    async flush() {
      writes.push({ kind: 'flush', at: Date.now() });
      await slow();
      return sockets;
    },
    onError: (err) => {
      throw err;
    },
  };
  const ticker = new HubTicker(options(o), target, () => Date.now());
  tickers.push(ticker);
  ticker.start();
  return { ticker, writes, flushes: () => writes.filter((w) => w.kind === 'flush') };
}

describe('hub ticker', () => {
  it('ticks steadily, every tick/lanes, whether or not anything arrives', async () => {
    const { writes } = room(4000, { laneSockets: 2000, maxTickMs: 200 });
    await vi.advanceTimersByTimeAsync(1000);
    // 4,000 sockets: a 180 ms tick (100 ms stretching to 200 ms by 5,000), in two lanes of 90 ms.
    expect(writes.map((w) => w.at)).toEqual([90, 180, 270, 360, 450, 540, 630, 720, 810, 900, 990]);
  });

  it('quiet: every message goes out at once, not at the next tick', async () => {
    const { ticker, flushes } = room(500);
    await vi.advanceTimersByTimeAsync(130);
    for (let i = 0; i < 20; i++) {
      const at = Date.now();
      ticker.nudge();
      await vi.advanceTimersByTimeAsync(1);
      expect(flushes().at(-1)?.at).toBe(at); // a 0 ms hold: the next turn of the event loop
      await vi.advanceTimersByTimeAsync(199); // a message every 200 ms
    }
    expect(flushes()).toHaveLength(20);
  });

  it('bursty: writes at once while the budget lasts, then coalesces to the budget, never past the tick', async () => {
    // 1,000 sockets, a budget of 10,000 socket writes a second: ten writes at once, then one per 100 ms.
    const { ticker, writes, flushes } = room(1000, { writeBudget: 10_000, tickMs: 200, maxTickMs: 200 });
    await vi.advanceTimersByTimeAsync(10);
    const burstAt = Date.now();
    // A message every 2 ms for 100 ms: 50 messages.
    for (let i = 0; i < 50; i++) {
      ticker.nudge();
      await vi.advanceTimersByTimeAsync(2);
    }
    // The bucket's ten at once (10–28 ms). By 30 ms it holds 200 socket writes of the 1,000 the
    // next write needs: that write is scheduled 80 ms later, at 110 ms (before the tick at 200),
    // and carries the 40 messages that came meanwhile. The tick then writes what came after.
    await vi.advanceTimersByTimeAsync(100);
    expect(burstAt).toBe(10);
    expect(flushes().map((w) => w.at)).toEqual([10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 110]);
    expect(writes.filter((w) => w.kind === 'tick').map((w) => w.at)).toEqual([200]);
  });

  it('bursty: a write the budget allows before the tick is scheduled for then, with everything that came meanwhile', async () => {
    // 1,000 sockets, 20,000 a second, a 200 ms tick: after the bucket's 20 writes, one per 50 ms.
    const { ticker, flushes } = room(1000, { writeBudget: 20_000, tickMs: 200, maxTickMs: 200 });
    await vi.advanceTimersByTimeAsync(1);
    for (let i = 0; i < 20; i++) {
      ticker.nudge();
      await vi.advanceTimersByTimeAsync(1);
    }
    expect(flushes()).toHaveLength(20);
    // Twenty writes at 1–20 ms spent the 20,000; by 21 ms 400 have come back, the next write needs
    // 1,000: it is scheduled 30 ms later, and everything that arrives meanwhile goes with it.
    expect(Date.now()).toBe(21);
    for (let i = 0; i < 40; i++) {
      ticker.nudge();
      await vi.advanceTimersByTimeAsync(1);
    }
    expect(flushes().map((w) => w.at).slice(19)).toEqual([20, 51]);
  });

  it('saturated: the steady ticks spend the budget, so a busy room is written once per tick, as without the policy', async () => {
    // 10,000 sockets in five lanes of a 200 ms tick; a message every 5 ms for two seconds.
    const { ticker, writes, flushes } = room(10_000, { writeBudget: 15_000, maxTickMs: 200 });
    for (let i = 0; i < 400; i++) {
      ticker.nudge();
      await vi.advanceTimersByTimeAsync(5);
    }
    // One early write while the bucket was full (the room was quiet until then), none after.
    expect(flushes().length).toBe(1);
    expect(flushes()[0]!.at).toBe(0);
    expect(writes.filter((w) => w.kind === 'tick').length).toBe(50); // every 40 ms
  });

  it('a room bigger than a second of budget, or a budget of 0, is written by the tick alone', async () => {
    const big = room(20_000, { writeBudget: 15_000 });
    const off = room(10, { writeBudget: 0 });
    for (let i = 0; i < 50; i++) {
      big.ticker.nudge();
      off.ticker.nudge();
      await vi.advanceTimersByTimeAsync(10);
    }
    expect(big.flushes()).toEqual([]);
    expect(off.flushes()).toEqual([]);
    expect(off.writes.filter((w) => w.kind === 'tick').length).toBe(5);
  });

  it('writes one at a time: an early write waits for the tick in flight, and a nudge during it is not lost', async () => {
    const { ticker, writes } = room(100, {}, 30);
    await vi.advanceTimersByTimeAsync(105); // the tick at 100 is writing until 130
    ticker.nudge();
    await vi.advanceTimersByTimeAsync(1);
    expect(writes.map((w) => w.kind)).toEqual(['tick']);
    await vi.advanceTimersByTimeAsync(30);
    expect(writes.map((w) => [w.kind, w.at])).toEqual([
      ['tick', 100],
      ['flush', 130],
    ]);
    ticker.nudge(); // arrives while that flush is writing: another one follows it
    await vi.advanceTimersByTimeAsync(40);
    expect(writes.map((w) => w.kind)).toEqual(['tick', 'flush', 'flush']);
    expect(writes[2]!.at - 160).toBeLessThanOrEqual(1);
  });

  it('stop() waits for the write in flight and cancels the rest', async () => {
    const { ticker, writes } = room(100, {}, 30);
    await vi.advanceTimersByTimeAsync(100);
    ticker.nudge();
    const stopped = ticker.stop();
    await vi.advanceTimersByTimeAsync(500);
    await stopped;
    expect(writes.map((w) => w.kind)).toEqual(['tick']);
  });
});
