import { holderKey, type GateKey, type GatePool, type StockGate, type TakeRequest, type TakeResult } from './gate.port';

interface Pool {
  units: number;
  takenUnits: number;
  perHolder: number;
  opensAt: number;
  closesAt: number;
  holders: Map<string, number>;
  /** Keys that took units, and keys that were refused (kept apart: a resync replaces only the first). */
  taken: Map<string, GateKey>;
  refused: Map<string, GateKey>;
}

/**
 * The in-process gate of the embedded default (one process sells). Each method runs to completion
 * without awaiting, so a take is atomic on Node's single thread.
 */
export class MemoryGate implements StockGate {
  readonly #pools = new Map<string, Pool>();

  async take(pool: string, t: TakeRequest): Promise<TakeResult> {
    const p = this.#pools.get(pool);
    if (!p) return { kind: 'unknown' };
    const field = holderKey(t.holder, t.key);
    const seen = p.taken.get(field) ?? p.refused.get(field);
    if (seen) return { kind: 'seen', outcome: seen.outcome, ref: seen.ref, sameRequest: seen.fingerprint === t.fingerprint };
    if (t.now < p.opensAt) return { kind: 'refused', reason: 'not_open' };
    if (t.now >= p.closesAt) return { kind: 'refused', reason: 'closed' };
    if (p.takenUnits + t.units > p.units) {
      p.refused.set(field, { fingerprint: t.fingerprint, outcome: 'sold_out', ref: '' });
      return { kind: 'refused', reason: 'sold_out' };
    }
    const held = p.holders.get(t.holder) ?? 0;
    if (held + t.units > p.perHolder) {
      p.refused.set(field, { fingerprint: t.fingerprint, outcome: 'limit', ref: '' });
      return { kind: 'refused', reason: 'limit' };
    }
    p.takenUnits += t.units;
    p.holders.set(t.holder, held + t.units);
    p.taken.set(field, { fingerprint: t.fingerprint, outcome: 'taken', ref: t.ref });
    return { kind: 'taken' };
  }

  async release(pool: string, r: { holder: string; key: string; units: number; forget: boolean }): Promise<void> {
    const p = this.#pools.get(pool);
    if (!p) return;
    p.takenUnits = Math.max(0, p.takenUnits - r.units);
    p.holders.set(r.holder, Math.max(0, (p.holders.get(r.holder) ?? 0) - r.units));
    if (r.forget) p.taken.delete(holderKey(r.holder, r.key));
  }

  async load(pool: string, s: GatePool, mode: 'replace' | 'if_absent'): Promise<void> {
    const current = this.#pools.get(pool);
    if (current && mode === 'if_absent') return;
    const taken = new Map<string, GateKey>();
    const refused = current?.refused ?? new Map<string, GateKey>();
    for (const [k, v] of Object.entries(s.keys)) (v.outcome === 'taken' ? taken : refused).set(k, v);
    this.#pools.set(pool, {
      units: s.units, takenUnits: s.taken, perHolder: s.perHolder, opensAt: s.opensAt, closesAt: s.closesAt,
      holders: new Map(Object.entries(s.holders)), taken, refused,
    });
  }

  async count(pool: string): Promise<{ units: number; taken: number } | null> {
    const p = this.#pools.get(pool);
    return p ? { units: p.units, taken: p.takenUnits } : null;
  }

  async drop(pool: string): Promise<void> {
    this.#pools.delete(pool);
  }

  async close(): Promise<void> {
    this.#pools.clear();
  }
}
