import type { Counters } from './counters.port';
import { HyperLogLog } from './hyperloglog';

/** In-process counters: the embedded default for a single node. */
export class MemoryCounters implements Counters {
  readonly kind = 'memory' as const;
  readonly #numbers = new Map<string, number>();
  readonly #sketches = new Map<string, HyperLogLog>();
  readonly #marks = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  async incr(key: string, by: number): Promise<number> {
    const v = (this.#numbers.get(key) ?? 0) + by;
    this.#numbers.set(key, v);
    return v;
  }

  async max(key: string, value: number): Promise<number> {
    const v = Math.max(this.#numbers.get(key) ?? 0, value);
    this.#numbers.set(key, v);
    return v;
  }

  async addUnique(key: string, member: string): Promise<number> {
    let s = this.#sketches.get(key);
    if (!s) this.#sketches.set(key, (s = new HyperLogLog()));
    s.add(member);
    return s.count();
  }

  async countUnique(key: string): Promise<number> {
    return this.#sketches.get(key)?.count() ?? 0;
  }

  async mark(key: string, ttlMs: number): Promise<boolean> {
    const now = this.now();
    const until = this.#marks.get(key);
    this.#marks.set(key, now + ttlMs);
    if (this.#marks.size > 100_000) this.#sweep(now);
    return until === undefined || until <= now;
  }

  #sweep(now: number): void {
    for (const [k, until] of this.#marks) if (until <= now) this.#marks.delete(k);
  }

  async close(): Promise<void> {}
}
