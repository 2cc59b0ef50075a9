import { describe, expect, it } from 'vitest';
import { WritePolicy } from './write-policy';

/** The policy alone, on an injected clock (ms): the ticker's use of it is in hub-ticker.test.ts. */
describe('write policy', () => {
  it('quiet: a room that has not written for a while writes at once, every time', () => {
    let now = 0;
    const policy = new WritePolicy(20_000, now);
    // 500 sockets, a message every 200 ms: 2,500 socket writes a second against a budget of 20,000.
    for (let i = 0; i < 50; i++) {
      expect(policy.waitMs(500, now)).toBe(0);
      policy.spent(500, now);
      now += 200;
    }
  });

  it('bursty: writes at once while the burst fits the bucket, then waits just long enough for the next write', () => {
    const now = 0;
    const policy = new WritePolicy(20_000, now);
    // One second of budget: 40 writes to 500 sockets at once.
    for (let i = 0; i < 40; i++) {
      expect(policy.waitMs(500, now)).toBe(0);
      policy.spent(500, now);
    }
    // The 41st waits for 500 socket writes to come back: 25 ms at 20,000 a second.
    expect(policy.waitMs(500, now)).toBe(25);
    expect(policy.waitMs(500, now + 10)).toBe(15);
    expect(policy.waitMs(500, now + 25)).toBe(0);
  });

  it('bursty: the bucket refills to one second of budget, no more, after a quiet spell', () => {
    let now = 0;
    const policy = new WritePolicy(20_000, now);
    policy.spent(20_000, now);
    now += 60_000; // a quiet minute
    expect(policy.available(now)).toBe(20_000);
    policy.spent(20_000, now);
    expect(policy.waitMs(500, now)).toBe(25);
  });

  it('saturated: the steady ticks keep the bucket empty, so every write waits for the tick', () => {
    let now = 0;
    const policy = new WritePolicy(20_000, now);
    // 4,000 sockets written 10 times a second by the tick: 40,000 socket writes a second.
    for (let i = 0; i < 20; i++) {
      policy.spent(4_000, now);
      now += 100;
    }
    // 100 ms refill 2,000 of the 4,000 a write needs: the next write can only come 100 ms later,
    // the steady tick's time (the ticker then leaves it to the tick).
    expect(policy.available(now - 1)).toBeLessThan(4_000);
    expect(policy.waitMs(4_000, now)).toBe(100);
  });

  it('a room larger than one second of budget is left to the tick; a budget of 0 turns early writes off', () => {
    expect(new WritePolicy(20_000, 0).waitMs(20_001, 0)).toBe(Infinity);
    expect(new WritePolicy(0, 0).waitMs(1, 0)).toBe(Infinity);
    expect(new WritePolicy(0, 0).waitMs(0, 0)).toBe(0); // nobody to write to costs nothing
  });

  it('a clock that steps back neither adds nor takes budget', () => {
    const policy = new WritePolicy(1_000, 10_000);
    policy.spent(1_000, 10_000);
    expect(policy.available(5_000)).toBe(0);
    expect(policy.available(10_500)).toBe(500);
  });
});
