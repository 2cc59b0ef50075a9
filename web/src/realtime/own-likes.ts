/**
 * The viewer's own likes float a heart on the tap, not when the room's total next arrives: counts
 * alone reach a room about once a second (docs/protocol.md, "When the room is written"). When the
 * total grows, the own likes already floated are taken off, so each like floats once.
 */
export class OwnLikes {
  #unseen = 0;
  #lastTapAt = -Infinity;

  /** `forgetMs`: own likes not in any total by then were dropped by the server (over the per-socket budget). */
  constructor(private readonly forgetMs = 3000) {}

  /** The viewer tapped `n` likes at `now` (ms); their hearts float now. */
  tapped(n: number, now: number): void {
    this.#unseen += n;
    this.#lastTapAt = now;
  }

  /** The room's total grew by `grew` at `now`: how many of those are others' likes, to float now. */
  others(grew: number, now: number): number {
    if (now - this.#lastTapAt > this.forgetMs) this.#unseen = 0;
    if (grew <= 0) return 0;
    const mine = Math.min(grew, this.#unseen);
    this.#unseen -= mine;
    return grew - mine;
  }

  /** A fresh start (a new hello): nothing of ours is pending. */
  reset(): void {
    this.#unseen = 0;
  }
}
