import { describe, expect, it } from 'vitest';
import type { Counters } from './counters.port';

/** One suite for every adapter of the counters port. */
export function countersContract(name: string, open: () => Promise<Counters>): void {
  describe(`counters contract: ${name}`, () => {
    it('adds and returns totals', async () => {
      const c = await open();
      expect(await c.incr('likes', 3)).toBe(3);
      expect(await c.incr('likes', 4)).toBe(7);
      expect(await c.incr('likes', 0)).toBe(7);
      await c.close();
    });

    it('keeps the maximum', async () => {
      const c = await open();
      expect(await c.max('pcu', 5)).toBe(5);
      expect(await c.max('pcu', 3)).toBe(5);
      expect(await c.max('pcu', 9)).toBe(9);
      await c.close();
    });

    it('counts distinct members exactly when few and within 3 % when many', async () => {
      const c = await open();
      for (let i = 0; i < 3; i++) await c.addUnique('u', 'same');
      expect(await c.addUnique('u', 'other')).toBe(2);
      for (let i = 0; i < 5_000; i++) await c.addUnique('big', `viewer-${i}`);
      const n = await c.countUnique('big');
      expect(Math.abs(n - 5_000) / 5_000).toBeLessThan(0.03);
      expect(await c.countUnique('missing')).toBe(0);
      await c.close();
    });

    it('marks a key for a window and reports the first time only', async () => {
      const c = await open();
      expect(await c.mark('seen', 150)).toBe(true);
      expect(await c.mark('seen', 150)).toBe(false);
      await new Promise((r) => setTimeout(r, 250));
      expect(await c.mark('seen', 150)).toBe(true);
      await c.close();
    });
  });
}
