import { describe, expect, it } from 'vitest';
import { MemoryCounters } from '../platform/counters/counters.memory';
import type { Counters, ScopeTotals, Settlement } from '../platform/counters/counters.port';
import { Audience } from './audience';

const deps = (counters: Counters) => ({ roomId: 'r', counters, viewWindowMs: 60_000, peerTimeoutMs: 6_000, settleTimeoutMs: 50, now: () => 1_000 });
const open = (counters: Counters) => Audience.open(deps(counters), 'n1', undefined, () => {});

/** Counters whose settlements, once held, wait until released (a frozen Redis: applied late, answered late). */
function holdingCounters() {
  const memory = new MemoryCounters(() => 1_000);
  const held: (() => void)[] = [];
  const control = { holding: false, release: () => held.splice(0).forEach((go) => go()) };
  const counters: Counters = {
    kind: 'redis', // shared totals, as with Redis
    settle(scope: string, s: Settlement): Promise<ScopeTotals> {
      if (!control.holding) return memory.settle(scope, s);
      return new Promise((resolve) => held.push(() => resolve(memory.settle(scope, s))));
    },
    read: (scope) => memory.read(scope),
    retire: (scope) => memory.retire(scope),
    roster: (room, node, online, ttlMs) => memory.roster(room, node, online, ttlMs),
    close: () => memory.close(),
  };
  return { counters, control, memory };
}

describe('audience numbers', () => {
  it('never lets the previous show’s totals into the new show’s, even when their answers arrive after it started', async () => {
    const { counters, control } = holdingCounters();
    const audience = await open(counters);
    control.holding = true;
    audience.addLikes(7);
    audience.join('a:late');
    const settling = audience.settle(1).catch(() => 'timed out');
    expect(await audience.startShow('00000000-0000-4000-8000-000000000001')).toBe(true);
    control.release();
    await settling;
    expect(audience.counts(0)).toMatchObject({ likes: 0, views: 0, unique: 0 });
    control.holding = false;
    audience.addLikes(2);
    audience.join('a:new');
    await audience.settle(1);
    expect(audience.counts(1)).toMatchObject({ likes: 2, views: 1, unique: 1 });
  });

  it('sends a settlement that timed out again unchanged: applied late by the counters, it still counts once', async () => {
    const { counters, control, memory } = holdingCounters();
    const audience = await open(counters);
    control.holding = true;
    audience.addLikes(5);
    audience.join('a:1');
    await expect(audience.settle(1)).rejects.toThrow(/no answer within 50 ms/);
    // Shown on this node meanwhile: its own taps, not yet in the totals.
    expect(audience.counts(1).likes).toBe(5);
    audience.addLikes(3); // tapped during the outage: waits for the next settlement
    control.release(); // the frozen counters apply the first settlement now
    control.holding = false;
    await audience.settle(1); // the same settlement again: nothing added twice
    expect((await memory.read('room:r')).likes).toBe(5);
    await audience.settle(1); // then what came meanwhile
    expect(await memory.read('room:r')).toMatchObject({ likes: 8, views: 1 });
    expect(audience.counts(1)).toMatchObject({ likes: 8, views: 1 });
  });

  it('opens with zeros when the counters do not answer, and catches up at the first settlement', async () => {
    const { counters, memory } = holdingCounters();
    await memory.settle('room:r', { id: 'earlier', likes: 40, online: 3, joins: [], leaves: [], viewWindowMs: 1, chat: { accepted: 0, shown: 0, stored: 0 } });
    const failing: Counters = { ...counters, read: () => Promise.reject(new Error('down')) };
    const errors: unknown[] = [];
    const audience = await Audience.open(deps(failing), 'n1', undefined, (err) => errors.push(err));
    expect(errors).toHaveLength(1);
    expect(audience.counts(0).likes).toBe(0);
    audience.addLikes(1);
    await audience.settle(1);
    expect(audience.counts(1)).toMatchObject({ likes: 41, pcu: 3 });
  });
});
