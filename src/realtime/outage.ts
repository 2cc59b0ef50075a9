/** How long an outage goes between two reminders in the log. */
const REMIND_MS = 10_000;

/**
 * One dependency of a room hub (the counters, the bus, the database) as the log sees it: the first
 * failure is logged, then a reminder every 10 s while it lasts, then one line when it works again
 * with how long it was down — not a line per failed call (a frozen Redis fails every tick).
 */
export class Outage {
  #since: number | undefined;
  #remindedAt = 0;
  #failures = 0;

  constructor(
    private readonly deps: {
      what: string;
      room: string;
      now: () => number;
      log: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
      /** Told of every failure (a metric). */
      onFailure?: () => void;
    },
  ) {}

  get failing(): boolean {
    return this.#since !== undefined;
  }

  failed(err: unknown): void {
    const now = this.deps.now();
    this.#failures++;
    this.deps.onFailure?.();
    if (this.#since === undefined) {
      this.#since = this.#remindedAt = now;
      this.deps.log.error({ err, room: this.deps.room }, `${this.deps.what} failed; the room goes on and retries`);
    } else if (now - this.#remindedAt >= REMIND_MS) {
      this.#remindedAt = now;
      this.deps.log.error({ err, room: this.deps.room, failingForMs: now - this.#since, failures: this.#failures }, `${this.deps.what} still failing`);
    }
  }

  ok(): void {
    if (this.#since === undefined) return;
    const downMs = this.deps.now() - this.#since;
    this.deps.log.warn({ room: this.deps.room, downMs, failures: this.#failures }, `${this.deps.what} works again`);
    this.#since = undefined;
    this.#failures = 0;
  }
}
