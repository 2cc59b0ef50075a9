import type { ChatMessage } from '../contracts/realtime.schemas';
import { sampleFairly } from './fanout';

const isPriority = (m: ChatMessage) => m.from.role === 'host' || m.from.role === 'moderator';

/**
 * The chat waiting for the room's next batch. Host and moderator messages always go out; the rest
 * is a fair sample within a token bucket of `perSecond`, so a huge room stays readable and the
 * sample is the same for every viewer (the batch is still encoded once).
 */
export class ChatSampler {
  #pending: ChatMessage[] = [];
  #priority: ChatMessage[] = [];
  #tokens: number;
  #lastAt: number;

  constructor(
    private readonly perSecond: number,
    now: number,
  ) {
    this.#tokens = perSecond;
    this.#lastAt = now;
  }

  add(m: ChatMessage): void {
    (isPriority(m) ? this.#priority : this.#pending).push(m);
  }

  /** A deleted message that has not gone out yet never will. */
  remove(id: string): void {
    this.#pending = this.#pending.filter((m) => m.id !== id);
    this.#priority = this.#priority.filter((m) => m.id !== id);
  }

  /** Empties the queue: every priority message, then what the budget since the last take allows. */
  take(now: number): ChatMessage[] {
    this.#tokens = Math.min(this.perSecond, this.#tokens + ((now - this.#lastAt) / 1000) * this.perSecond);
    this.#lastAt = now;
    const picked = sampleFairly(this.#pending.splice(0), Math.floor(this.#tokens));
    this.#tokens -= picked.length;
    return [...this.#priority.splice(0), ...picked];
  }
}
