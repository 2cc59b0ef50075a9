/**
 * The counters port: shared numbers of the live rooms (likes, views, peak online, unique viewers).
 * Adapters: in-process memory (one process) and Redis (shared by every node).
 *
 * Guarantees and limits:
 * - Each call is atomic on its key; there are no multi-key transactions.
 * - `unique*` is a HyperLogLog estimate (standard error about 0.8 %), exact for small sets.
 * - The memory adapter is per process: a multi-node install must use Redis, or each node counts alone.
 * - Nothing here is durable across a Redis flush or a process restart of the memory adapter; the
 *   realtime context writes totals to the database when it needs them kept.
 */
export interface Counters {
  readonly kind: 'memory' | 'redis';
  /** Adds `by` (may be 0) and returns the new total. */
  incr(key: string, by: number): Promise<number>;
  /** Raises the key to `value` if it is lower; returns the stored maximum. */
  max(key: string, value: number): Promise<number>;
  /** Adds a member to the HyperLogLog `key`; returns the estimated distinct count after. */
  addUnique(key: string, member: string): Promise<number>;
  countUnique(key: string): Promise<number>;
  /**
   * Sets a flag that expires after `ttlMs` (refreshing the expiry if it is already set);
   * returns true if the flag was NOT set before (the "first time within the window").
   */
  mark(key: string, ttlMs: number): Promise<boolean>;
  close(): Promise<void>;
}
