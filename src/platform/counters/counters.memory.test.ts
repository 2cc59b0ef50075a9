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
});
