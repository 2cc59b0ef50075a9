/**
 * When a room's hub writes: at once while the room is quiet, coalesced up to the tick as it gets
 * busy (issue 15). The models are Nagle's algorithm (send at once unless a send is outstanding)
 * and Centrifugo's write batching with a maximum delay.
 *
 * What a write costs is one kernel write per socket (FIELD-NOTES "Fan-out": 7–14 µs each, whatever
 * the frame holds), so the room's budget is counted in socket writes: `budgetPerSecond`, kept as a
 * token bucket that holds at most one second of it. Every write the hub makes is charged, those of
 * the steady tick too.
 * - Quiet: the bucket holds a write to every socket of the room, so the next one goes out at once.
 * - Bursty: the bucket drains; a write waits until it holds enough again, and what arrives in the
 *   meantime goes out with it. The wait never passes the steady tick, which writes anyway.
 * - Saturated: the steady tick's writes keep the bucket empty; the room is written once per tick
 *   (in lanes when big), exactly as a room without the policy.
 * A room of more sockets than one second of budget is always written by the tick alone; a budget
 * of 0 turns early writes off.
 */
export class WritePolicy {
  #tokens: number;
  #at: number;

  constructor(
    private readonly budgetPerSecond: number,
    now: number,
  ) {
    this.#tokens = budgetPerSecond;
    this.#at = now;
  }

  /** The socket writes the bucket holds now. */
  available(now: number): number {
    // A clock that stepped back adds nothing (and takes nothing).
    const elapsed = Math.max(0, now - this.#at);
    this.#tokens = Math.min(this.budgetPerSecond, this.#tokens + (elapsed / 1000) * this.budgetPerSecond);
    this.#at = Math.max(this.#at, now);
    return this.#tokens;
  }

  /**
   * How long a write to `sockets` sockets has to wait for the budget: 0 when it may go out now,
   * Infinity when it never fits (then only the tick writes the room).
   */
  waitMs(sockets: number, now: number): number {
    if (sockets > this.budgetPerSecond) return Infinity;
    const missing = sockets - this.available(now);
    return missing <= 0 ? 0 : Math.ceil((missing / this.budgetPerSecond) * 1000);
  }

  /** Charges socket writes made, early or by the tick; the bucket never goes below empty. */
  spent(writes: number, now: number): void {
    this.#tokens = Math.max(0, this.available(now) - writes);
  }
}
