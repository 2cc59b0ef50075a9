import { describe, expect, it } from 'vitest';
import { MemoryCounters } from '../platform/counters/counters.memory';
import type { Counters } from '../platform/counters/counters.port';
import { Audience } from './audience';

/** Counters whose answers for the room's own scope (before any show), once armed, wait until released. */
function slowRoomCounters() {
  const memory = new MemoryCounters(() => 1_000);
  const control = { armed: false, release: () => {} };
  const gate = new Promise<void>((r) => (control.release = r));
  const later = async <T>(key: string, answer: Promise<T>): Promise<T> => {
    const value = await answer;
    if (control.armed && key.startsWith('room:')) await gate;
    return value;
  };
  const counters: Counters = {
    kind: memory.kind,
    incr: (key, by) => later(key, memory.incr(key, by)),
    max: (key, value) => memory.max(key, value),
    addUnique: (key, member) => later(key, memory.addUnique(key, member)),
    countUnique: (key) => memory.countUnique(key),
    mark: (key, ttlMs) => memory.mark(key, ttlMs),
    close: () => memory.close(),
  };
  return { counters, control };
}

describe('audience numbers', () => {
  it('never lets the previous show’s totals into the new show’s, even when their answers arrive after it started', async () => {
    const { counters, control } = slowRoomCounters();
    const audience = await Audience.open({ roomId: 'r', counters, viewWindowMs: 60_000, peerTimeoutMs: 6_000, now: () => 1_000 }, undefined);
    control.armed = true;
    const likes = audience.addLikes(7);
    const view = audience.join('a:late');
    expect(await audience.startShow('00000000-0000-4000-8000-000000000001')).toBe(true);
    control.release();
    await Promise.all([likes, view]);
    expect(audience.counts(0)).toMatchObject({ likes: 0, views: 0, unique: 0 });
    await audience.addLikes(2);
    await audience.join('a:new');
    expect(audience.counts(1)).toMatchObject({ likes: 2, views: 1, unique: 1 });
  });
});
