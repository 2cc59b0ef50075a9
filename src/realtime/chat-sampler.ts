import type { ChatMessage } from '../contracts/realtime.schemas';

/** Host and moderator messages are never sampled out. */
export const isPriority = (m: ChatMessage): boolean => m.from.role === 'host' || m.from.role === 'moderator';

/**
 * Up to `budget` messages, each equally likely (partial Fisher–Yates over their positions), in the
 * order they arrived (messages of the same millisecond too).
 */
export function sampleFairly(pool: ChatMessage[], budget: number): ChatMessage[] {
  const take = Math.max(0, Math.min(pool.length, budget));
  if (take === pool.length) return pool;
  const picks = Array.from(pool, (_, i) => i);
  for (let i = 0; i < take; i++) {
    const j = i + Math.floor(Math.random() * (picks.length - i));
    [picks[i], picks[j]] = [picks[j]!, picks[i]!];
  }
  return picks.slice(0, take).sort((x, y) => x - y).map((i) => pool[i]!);
}

/**
 * What a node's viewers are shown: host and moderator messages always, the rest (already sampled
 * by the nodes they came from, relay-sampler.ts) within the room's display cap — at most
 * `perSecond` in any second of this hub's clock, a sliding window, not a bucket that refills: a
 * message counts from the batch that shows it until one second later. If the nodes' shares
 * briefly add up to more than the cap, the excess is sampled out here, fairly.
 */
export class ChatSampler {
  #pending: ChatMessage[] = [];
  #priority: ChatMessage[] = [];
  /** When each crowd message shown within the last second was taken, oldest first. */
  #shownAt: number[] = [];

  constructor(private readonly perSecond: number) {}

  add(m: ChatMessage): void {
    (isPriority(m) ? this.#priority : this.#pending).push(m);
  }

  /** A deleted message that has not gone out yet never will. */
  remove(id: string): void {
    this.#pending = this.#pending.filter((m) => m.id !== id);
    this.#priority = this.#priority.filter((m) => m.id !== id);
  }

  get waiting(): boolean {
    return this.#pending.length + this.#priority.length > 0;
  }

  /** Empties the queue: every priority message, then as many others as the last second leaves room for. */
  take(now: number): ChatMessage[] {
    while (this.#shownAt.length > 0 && this.#shownAt[0]! <= now - 1000) this.#shownAt.shift();
    const picked = sampleFairly(this.#pending.splice(0), this.perSecond - this.#shownAt.length);
    for (let i = 0; i < picked.length; i++) this.#shownAt.push(now);
    return [...this.#priority.splice(0), ...picked];
  }
}
