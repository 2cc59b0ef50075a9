/**
 * The stock gate (DESIGN.md §3 "Truth and gates"): decides a purchase attempt against a pool of
 * units (a flash sale) in memory or in Redis, so the many attempts that cannot win never reach the
 * database. It sheds load and is never the truth: the database decides again, by a conditional
 * statement, for every attempt the gate lets through.
 *
 * Guarantees:
 * - `take` is atomic per pool: the window, the holder's limit, the units left and the idempotency
 *   key are checked and recorded together (one Lua script on Redis, one synchronous step in memory).
 *   Under any concurrency a pool never lets through more units than `units − taken` allowed.
 * - A key seen before answers `seen` with its first outcome, whatever the pool's state since.
 * - A pool the gate does not hold (never loaded, or Redis restarted empty) answers `unknown`: the
 *   caller loads it from the database and asks again.
 *
 * Limits: the gate can be wrong — Redis may lose recent writes, a reload can race an attempt in
 * flight — so it may let through attempts the database then refuses, or (after a crash between the
 * gate and the commit) hold units nobody bought until the pool is reloaded from the database.
 */
export interface GatePool {
  /** Units the pool holds, and units taken by attempts that went through. */
  units: number;
  taken: number;
  /** Most units one holder may take. */
  perHolder: number;
  /** The window, in ms since the epoch: attempts before `opensAt` or from `closesAt` on are refused. */
  opensAt: number;
  closesAt: number;
  /** Units each holder has taken. */
  holders: Record<string, number>;
  /** Keys seen, by `holder|key`. */
  keys: Record<string, GateKey>;
}

export interface GateKey {
  fingerprint: string;
  outcome: 'taken' | 'sold_out' | 'limit';
  /** What the taking attempt was given to name its result (an order id); empty for refusals. */
  ref: string;
}

export interface TakeRequest {
  holder: string;
  /** The client's idempotency key; the gate scopes it by holder. */
  key: string;
  /** Identifies the request under the key: the same key with another request is told `sameRequest: false`. */
  fingerprint: string;
  units: number;
  now: number;
  ref: string;
}

export type TakeResult =
  | { kind: 'taken' }
  | { kind: 'refused'; reason: 'sold_out' | 'limit' | 'not_open' | 'closed' }
  | { kind: 'seen'; outcome: GateKey['outcome']; ref: string; sameRequest: boolean }
  | { kind: 'unknown' };

export interface StockGate {
  take(pool: string, request: TakeRequest): Promise<TakeResult>;
  /** Gives units back (the attempt's order failed, or was cancelled or expired); `forget` also drops its key. */
  release(pool: string, r: { holder: string; key: string; units: number; forget: boolean }): Promise<void>;
  /**
   * Loads a pool from the truth. `if_absent` leaves a pool the gate already holds alone (several
   * nodes rebuilding at once); `replace` overwrites counts, holders and the keys that took units
   * (the truth knows which orders exist: a key taken here whose order never committed is forgotten),
   * and keeps the refused keys (the truth never hears of those).
   */
  load(pool: string, state: GatePool, mode: 'replace' | 'if_absent'): Promise<void>;
  /** The pool's units and units taken as the gate counts them now; null for a pool it does not hold. */
  count(pool: string): Promise<{ units: number; taken: number } | null>;
  /** Forgets a pool (its sale ended). */
  drop(pool: string): Promise<void>;
  close(): Promise<void>;
}

/** The key under which a holder's idempotency key is kept. */
export const holderKey = (holder: string, key: string): string => `${holder}|${key}`;
