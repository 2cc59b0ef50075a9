/**
 * How often a room's changed counts alone (likes, online, views) are written (issue 15). Counts
 * change all the time in a room with likes, and each write is a kernel write per socket, whatever
 * the frame holds: written at every tick they would cost a quiet room a frame per viewer per tick
 * for numbers nobody reads that fast. So counts alone make a batch only when the last batch is
 * `intervalMs` old; every batch carries the latest counts, so chat, a deletion or an event takes
 * them along at once. A change after a quiet spell still goes out at the next tick.
 */
export class CountsPace {
  #lastAt = -Infinity;

  constructor(private readonly intervalMs: number) {}

  /** A batch was logged at `now`: it carried the latest counts. */
  wrote(now: number): void {
    this.#lastAt = now;
  }

  /** Whether changed counts alone may make a batch at `now`. */
  due(now: number): boolean {
    const since = now - this.#lastAt;
    // A clock that stepped back never holds the counts.
    return since >= this.intervalMs || since < 0;
  }
}
