import { describe, expect, it } from 'vitest';
import { countersContract } from './counters.contract';
import { MemoryCounters } from './counters.memory';

countersContract('memory', async () => new MemoryCounters());

describe('memory counters', () => {
  it('forgets a retired scope, so ended shows do not stay in memory', async () => {
    const c = new MemoryCounters();
    await c.settle('show:old', { id: 'x', likes: 1, online: 1, joins: ['v'], leaves: [], viewWindowMs: 1000, chat: { accepted: 0, shown: 0, stored: 0 } });
    expect(c.scopes).toBe(1);
    await c.retire('show:old');
    expect(c.scopes).toBe(0);
    expect((await c.read('show:old')).likes).toBe(0);
  });

  it('drops a node from a room’s roster once it is unheard of for longer than the ttl', async () => {
    let now = 1_000;
    const c = new MemoryCounters(() => now);
    await c.roster('r', 'a', 2, 6_000);
    now += 6_000;
    expect(await c.roster('r', 'b', 1, 6_000)).toHaveLength(2);
    now += 1;
    expect(await c.roster('r', 'b', 1, 6_000)).toEqual([{ node: 'b', online: 1 }]);
  });
});
