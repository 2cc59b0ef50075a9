import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GatePool, StockGate, TakeRequest } from './gate.port';

/** The one suite every gate adapter passes (DESIGN.md: each port has one contract suite). */
export function gateContract(name: string, open: () => Promise<StockGate>): void {
  describe(`stock gate contract: ${name}`, () => {
    let gate: StockGate;
    const pool = (over: Partial<GatePool> = {}): GatePool => ({
      units: 10, taken: 0, perHolder: 2, opensAt: 1_000, closesAt: 2_000, holders: {}, keys: {}, ...over,
    });
    const attempt = (holder: string, key: string, over: Partial<TakeRequest> = {}): TakeRequest => ({
      holder, key, fingerprint: 'fp', units: 1, now: 1_500, ref: `order-${holder}-${key}`, ...over,
    });

    beforeEach(async () => {
      gate = await open();
    });
    afterEach(async () => {
      await gate.close();
    });

    it('answers unknown for a pool it does not hold', async () => {
      expect(await gate.take('p', attempt('a', 'k'))).toEqual({ kind: 'unknown' });
    });

    it('lets exactly the units through under 500 concurrent attempts', async () => {
      await gate.load('p', pool({ units: 100, perHolder: 1 }), 'replace');
      const results = await Promise.all(Array.from({ length: 500 }, (_, i) => gate.take('p', attempt(`h${i}`, 'k'))));
      expect(results.filter((r) => r.kind === 'taken')).toHaveLength(100);
      expect(results.filter((r) => r.kind === 'refused' && r.reason === 'sold_out')).toHaveLength(400);
    });

    it("holds each holder to the limit, whatever the number of parallel attempts", async () => {
      await gate.load('p', pool(), 'replace');
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => gate.take('p', attempt('a', `k${i}`))));
      expect(results.filter((r) => r.kind === 'taken')).toHaveLength(2);
      expect(results.filter((r) => r.kind === 'refused' && r.reason === 'limit')).toHaveLength(18);
    });

    it('answers a key seen before with its first outcome and says whether the request is the same', async () => {
      await gate.load('p', pool({ units: 1 }), 'replace');
      expect(await gate.take('p', attempt('a', 'k'))).toEqual({ kind: 'taken' });
      expect(await gate.take('p', attempt('a', 'k'))).toEqual({ kind: 'seen', outcome: 'taken', ref: 'order-a-k', sameRequest: true });
      expect(await gate.take('p', attempt('a', 'k', { fingerprint: 'other' }))).toMatchObject({ kind: 'seen', sameRequest: false });
      expect(await gate.take('p', attempt('b', 'k'))).toEqual({ kind: 'refused', reason: 'sold_out' });
      expect(await gate.take('p', attempt('b', 'k'))).toEqual({ kind: 'seen', outcome: 'sold_out', ref: '', sameRequest: true });
    });

    it('scopes keys by holder', async () => {
      await gate.load('p', pool(), 'replace');
      await gate.take('p', attempt('a', 'same'));
      expect(await gate.take('p', attempt('b', 'same'))).toEqual({ kind: 'taken' });
    });

    it('refuses outside the window without remembering the key', async () => {
      await gate.load('p', pool(), 'replace');
      expect(await gate.take('p', attempt('a', 'k', { now: 999 }))).toEqual({ kind: 'refused', reason: 'not_open' });
      expect(await gate.take('p', attempt('a', 'k', { now: 2_000 }))).toEqual({ kind: 'refused', reason: 'closed' });
      expect(await gate.take('p', attempt('a', 'k'))).toEqual({ kind: 'taken' });
    });

    it('takes released units again, and forgets the key only when told', async () => {
      await gate.load('p', pool({ units: 1 }), 'replace');
      await gate.take('p', attempt('a', 'k'));
      await gate.release('p', { holder: 'a', key: 'k', units: 1, forget: false });
      expect(await gate.take('p', attempt('a', 'k'))).toMatchObject({ kind: 'seen', outcome: 'taken' });
      expect(await gate.take('p', attempt('b', 'k2'))).toEqual({ kind: 'taken' });
      await gate.release('p', { holder: 'b', key: 'k2', units: 1, forget: true });
      expect(await gate.take('p', attempt('b', 'k2'))).toEqual({ kind: 'taken' });
    });

    it('loads if absent without overwriting', async () => {
      await gate.load('p', pool({ units: 3 }), 'if_absent');
      await gate.take('p', attempt('a', 'k'));
      await gate.load('p', pool({ units: 3, taken: 0 }), 'if_absent');
      await gate.take('p', attempt('b', 'k'));
      await gate.take('p', attempt('c', 'k'));
      expect(await gate.take('p', attempt('d', 'k'))).toEqual({ kind: 'refused', reason: 'sold_out' });
    });

    it('on a resync takes the truth’s counts and keys that took units, forgets a taken key the truth lacks, keeps refused ones', async () => {
      await gate.load('p', pool({ units: 3 }), 'replace');
      await gate.take('p', attempt('a', 'k'));
      await gate.take('p', attempt('b', 'k')); // its order never committed (a crash): the truth does not have it
      await gate.take('p', attempt('c', 'k'));
      expect(await gate.take('p', attempt('d', 'k'))).toEqual({ kind: 'refused', reason: 'sold_out' });
      await gate.load('p', pool({ units: 3, taken: 2, holders: { a: 1, c: 1 }, keys: {
        'a|k': { fingerprint: 'fp', outcome: 'taken', ref: 'order-a-k' }, 'c|k': { fingerprint: 'fp', outcome: 'taken', ref: 'order-c-k' },
      } }), 'replace');
      expect(await gate.take('p', attempt('a', 'k'))).toMatchObject({ kind: 'seen', outcome: 'taken', ref: 'order-a-k' });
      expect(await gate.take('p', attempt('d', 'k'))).toMatchObject({ kind: 'seen', outcome: 'sold_out' });
      expect(await gate.take('p', attempt('b', 'k'))).toEqual({ kind: 'taken' });
      expect(await gate.take('p', attempt('e', 'k'))).toEqual({ kind: 'refused', reason: 'sold_out' });
    });

    it('counts the units it holds and has let through, and nothing for a pool it does not hold', async () => {
      expect(await gate.count('p')).toBeNull();
      await gate.load('p', pool({ units: 5, taken: 1 }), 'replace');
      await gate.take('p', attempt('a', 'k'));
      await gate.take('p', attempt('b', 'k', { units: 2 }));
      expect(await gate.count('p')).toEqual({ units: 5, taken: 4 });
      await gate.release('p', { holder: 'b', key: 'k', units: 2, forget: true });
      expect(await gate.count('p')).toEqual({ units: 5, taken: 2 });
    });

    it('forgets a dropped pool', async () => {
      await gate.load('p', pool(), 'replace');
      await gate.drop('p');
      expect(await gate.take('p', attempt('a', 'k'))).toEqual({ kind: 'unknown' });
      expect(await gate.count('p')).toBeNull();
    });
  });
}
