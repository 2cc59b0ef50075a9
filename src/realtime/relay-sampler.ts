import type { ChatMessage } from '../contracts/realtime.schemas';
import { sampleFairly } from './chat-sampler';

/**
 * Which of this node's crowd messages the room shows: the node's fair share of the room's display
 * budget (the budget × this node's share of the room's sockets, hub.ts), chosen here, before
 * anything is relayed — so a node takes from the bus the room's display budget, not every message
 * accepted on every node, and every node shows the same messages.
 *
 * A sliding window, like the display cap (chat-sampler.ts): at most ⌊share⌋ messages chosen in any
 * second and one tick (`marginMs`, the longest tick) of this node's clock (a share under one: one
 * message per 1/share seconds and a tick). The nodes' shares add up to at most the budget; a message
 * is shown where it was chosen at once and on the other nodes up to a tick later, so the margin
 * makes what all of them choose fit any second of any node's display cap, and the cap drops nothing
 * unless the shares are briefly out of date (a node joined and the others have not heard yet) or
 * the bus is slower than a tick. The price: a room shows up to budget × 1 s / (1 s + tick) a second. In a quiet room (nothing waiting, and the last round had room
 * for everything) a message is chosen the moment it arrives; once messages outnumber the room left
 * in the window they wait for the next round (each (sub-)tick), where a fair random sample of them
 * is chosen — every message equally likely.
 */
export class RelaySampler {
  #pool: ChatMessage[] = [];
  /** When each message chosen within the current window was chosen, oldest first. */
  #chosenAt: number[] = [];
  #busy = false;

  constructor(private readonly marginMs = 0) {}

  /** True when the message is chosen at once; false when it waits for the next round. */
  offer(m: ChatMessage, share: number, now: number): boolean {
    if (!this.#busy && this.#pool.length === 0 && this.#room(share, now) >= 1) {
      this.#chosenAt.push(now);
      return true;
    }
    this.#pool.push(m);
    return false;
  }

  /** One round: a fair sample of what waits, within the window; `left` is what the room will not show. */
  take(share: number, now: number): { picked: ChatMessage[]; left: ChatMessage[] } {
    const pool = this.#pool.splice(0);
    const room = this.#room(share, now);
    this.#busy = pool.length > room;
    if (pool.length === 0) return { picked: [], left: [] };
    const picked = sampleFairly(pool, room);
    for (let i = 0; i < picked.length; i++) this.#chosenAt.push(now);
    const chosen = new Set(picked);
    return { picked, left: picked.length === pool.length ? [] : pool.filter((m) => !chosen.has(m)) };
  }

  remove(id: string): void {
    this.#pool = this.#pool.filter((m) => m.id !== id);
  }

  get waiting(): boolean {
    return this.#pool.length > 0;
  }

  /** How many more may be chosen now. */
  #room(share: number, now: number): number {
    const { limit, windowMs } = relayWindow(share, this.marginMs);
    while (this.#chosenAt.length > 0 && this.#chosenAt[0]! <= now - windowMs) this.#chosenAt.shift();
    return Math.max(0, limit - this.#chosenAt.length);
  }
}

/** At most `limit` chosen in any `windowMs`: ⌊share⌋ a second, or one per 1/share seconds (at most a minute) under one; plus the margin. */
export function relayWindow(share: number, marginMs: number): { limit: number; windowMs: number } {
  if (share >= 1) return { limit: Math.floor(share), windowMs: 1000 + marginMs };
  return { limit: 1, windowMs: Math.min(60_000, 1000 / Math.max(share, 1 / 60)) + marginMs };
}
