import { describe, expect, it } from 'vitest';
import type { Counters, Settlement } from './counters.port';

let ids = 0;
const settlement = (s: Partial<Settlement> = {}): Settlement => ({
  id: `s${ids++}`,
  likes: 0,
  online: 0,
  joins: [],
  leaves: [],
  viewWindowMs: 60_000,
  chat: { accepted: 0, shown: 0, stored: 0 },
  ...s,
});

/** One suite for every adapter of the counters port. */
export function countersContract(name: string, open: () => Promise<Counters>): void {
  describe(`counters contract: ${name}`, () => {
    it('adds likes and chat tallies, and answers the totals', async () => {
      const c = await open();
      expect(await c.read('show:a')).toEqual({ likes: 0, views: 0, unique: 0, pcu: 0, chat: { accepted: 0, shown: 0, stored: 0 } });
      await c.settle('show:a', settlement({ likes: 3, chat: { accepted: 5, shown: 2, stored: 4 } }));
      const t = await c.settle('show:a', settlement({ likes: 4, chat: { accepted: 1, shown: 1, stored: 1 } }));
      expect(t).toMatchObject({ likes: 7, chat: { accepted: 6, shown: 3, stored: 5 } });
      expect(await c.read('show:a')).toEqual(t);
      expect((await c.read('show:b')).likes).toBe(0);
      await c.close();
    });

    it('applies a settlement sent twice once', async () => {
      const c = await open();
      const s = settlement({ likes: 10, joins: ['v1'], chat: { accepted: 1, shown: 1, stored: 1 } });
      await c.settle('show:a', s);
      const again = await c.settle('show:a', s);
      expect(again).toMatchObject({ likes: 10, views: 1, unique: 1, chat: { accepted: 1 } });
      await c.close();
    });

    it('keeps the peak', async () => {
      const c = await open();
      await c.settle('show:a', settlement({ online: 5 }));
      await c.settle('show:a', settlement({ online: 3 }));
      expect((await c.read('show:a')).pcu).toBe(5);
      expect((await c.settle('show:a', settlement({ online: 9 }))).pcu).toBe(9);
      await c.close();
    });

    it('counts a view per join, unless the viewer comes back within the window after leaving', async () => {
      const c = await open();
      const windowMs = 150;
      await c.settle('show:a', settlement({ joins: ['v1', 'v2'], viewWindowMs: windowMs }));
      await c.settle('show:a', settlement({ leaves: ['v1'], viewWindowMs: windowMs }));
      expect(await c.settle('show:a', settlement({ joins: ['v1'], viewWindowMs: windowMs }))).toMatchObject({ views: 2, unique: 2 });
      await new Promise((r) => setTimeout(r, 250));
      expect(await c.settle('show:a', settlement({ joins: ['v1'], viewWindowMs: windowMs }))).toMatchObject({ views: 3, unique: 2 });
      await c.close();
    });

    it('counts distinct viewers exactly when few and within 3 % when many', async () => {
      const c = await open();
      const many = Array.from({ length: 5_000 }, (_, i) => `viewer-${i}`);
      for (let i = 0; i < many.length; i += 2_000) await c.settle('show:big', settlement({ joins: many.slice(i, i + 2_000) }));
      const { unique, views } = await c.read('show:big');
      expect(views).toBe(5_000);
      expect(Math.abs(unique - 5_000) / 5_000).toBeLessThan(0.03);
      await c.close();
    });

    it('retires a scope without touching the others', async () => {
      const c = await open();
      await c.settle('show:old', settlement({ likes: 1 }));
      await c.settle('show:new', settlement({ likes: 2 }));
      await c.retire('show:old');
      expect((await c.read('show:new')).likes).toBe(2);
      await c.close();
    });

    it('keeps a room’s roster: every node recorded within the ttl, updated in place, gone when it leaves', async () => {
      const c = await open();
      const room = `room-${ids++}`;
      await c.roster(room, 'a', 3, 60_000);
      const sorted = (entries: { node: string; online: number }[]) => [...entries].sort((x, y) => x.node.localeCompare(y.node));
      expect(sorted(await c.roster(room, 'b', 5, 60_000))).toEqual([{ node: 'a', online: 3 }, { node: 'b', online: 5 }]);
      expect(sorted(await c.roster(room, 'a', 4, 60_000))).toEqual([{ node: 'a', online: 4 }, { node: 'b', online: 5 }]);
      expect(await c.roster(room, 'b', null, 60_000)).toEqual([{ node: 'a', online: 4 }]);
      expect(await c.roster(`${room}-other`, 'z', 1, 60_000)).toEqual([{ node: 'z', online: 1 }]);
      await c.close();
    });
  });
}
