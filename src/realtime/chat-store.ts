import type { ChatMessage } from '../contracts/realtime.schemas';

export interface ChatStoreOptions {
  /** Messages the room did not show stored per second (per room, per node); the shown ones always are. */
  perSecond: number;
  /** Messages waiting for the database, at most: beyond it the oldest unshown, then the oldest shown, are dropped. */
  maxWaiting: number;
  /** Rows per insert (7 parameters a row: PostgreSQL takes at most 65,535 parameters). */
  batchRows: number;
  /** Wait after a failed insert before trying the same rows again. */
  retryMs: number;
  /**
   * How long a message waits for others to share its insert (0: inserted at once). An insert's
   * fixed cost (a statement parsed, planned and committed) is most of what a row costs in a quiet
   * room: on PGlite, in the server's own process, one insert per message of 10 a second took
   * ~10 % of that room's CPU (docs/benchmarks.md).
   */
  lingerMs: number;
}

export type NotStored = 'over_rate' | 'backlog_full' | 'closing';

export interface ChatStoreDeps {
  save(messages: readonly ChatMessage[]): Promise<void>;
  /** Marks a stored message deleted (nothing when it was never stored). */
  markDeleted(id: string): Promise<unknown>;
  now: () => number;
  stored(n: number): void;
  notStored(reason: NotStored, n: number): void;
  /** Told about each failed insert and about the first that works again (outage.ts). */
  failed(err: unknown): void;
  ok(): void;
}

/**
 * A room's chat on its way to the database, written behind (the room never waits for it), one
 * insert at a time in batches of at most `batchRows`, each gathered for up to `lingerMs` (a full
 * batch, a deletion and closing do not wait). What the room showed is always stored (a
 * moderator can act on whatever a viewer saw); the rest up to `perSecond`, so the database's load
 * per room and node stays bounded however busy the room is. A failed insert is retried with the
 * same rows (inserts skip ids already stored); while the database is down what waits is capped at
 * `maxWaiting` and the excess is counted, not kept.
 */
export class ChatStore {
  #shown: ChatMessage[] = [];
  #unshown: ChatMessage[] = [];
  /** Deletions of messages accepted here, each stored once the messages waiting before it are gone. */
  #deletions: { id: string; ahead: number }[] = [];
  #tokens: number;
  #at: number;
  #writing: Promise<void> | undefined;
  #closing = false;
  #wakeRetry: (() => void) | undefined;
  #linger: NodeJS.Timeout | undefined;

  constructor(
    private readonly options: ChatStoreOptions,
    private readonly deps: ChatStoreDeps,
  ) {
    this.#tokens = options.perSecond;
    this.#at = deps.now();
  }

  get waiting(): number {
    return this.#shown.length + this.#unshown.length;
  }

  /**
   * A message accepted here was deleted: the deletion is stored once every message waiting now is
   * (the message among them, or already stored), so a message stored late is stored deleted.
   */
  deleted(id: string): void {
    this.#deletions.push({ id, ahead: this.waiting });
    // Now, not after the linger: a moderator's delete is read back from history at once.
    this.#kick(true);
  }

  /** The messages ahead of each deletion are `n` fewer (stored or dropped). */
  #passed(n: number): void {
    for (const d of this.#deletions) d.ahead -= n;
  }

  async #storeDeletions(): Promise<void> {
    while (this.#deletions[0] && this.#deletions[0].ahead <= 0) {
      const { id } = this.#deletions.shift()!;
      try {
        await this.deps.markDeleted(id);
      } catch (err) {
        this.deps.failed(err); // stored undeleted; every viewer was told all the same
      }
    }
  }

  /** Messages the room shows: stored whatever the rate. */
  shown(messages: readonly ChatMessage[]): void {
    this.#shown.push(...messages);
    this.#bound();
    this.#kick();
  }

  /** Messages sampled out: stored within the rate, the rest counted. */
  unshown(messages: readonly ChatMessage[]): void {
    if (messages.length === 0) return;
    const now = this.deps.now();
    this.#tokens = Math.min(this.options.perSecond, this.#tokens + ((now - this.#at) / 1000) * this.options.perSecond);
    this.#at = now;
    const take = Math.min(messages.length, Math.floor(this.#tokens));
    this.#tokens -= take;
    if (take < messages.length) this.deps.notStored('over_rate', messages.length - take);
    this.#unshown.push(...messages.slice(0, take));
    this.#bound();
    this.#kick();
  }

  #bound(): void {
    const over = this.waiting - this.options.maxWaiting;
    if (over <= 0) return;
    const fromUnshown = Math.min(over, this.#unshown.length);
    this.#unshown.splice(0, fromUnshown);
    this.#shown.splice(0, over - fromUnshown);
    this.#passed(over);
    this.deps.notStored('backlog_full', over);
  }

  /** Starts writing after the linger, or at once (`now`, a full batch, closing). A write in flight takes what waits when it is done. */
  #kick(now = false): void {
    if (this.#writing) return;
    if (now || this.#closing || this.options.lingerMs <= 0 || this.waiting >= this.options.batchRows) {
      clearTimeout(this.#linger);
      this.#linger = undefined;
      this.#writing = this.#drain().finally(() => {
        this.#writing = undefined;
        // Messages that came between the drain's last look and now.
        if (!this.#closing && this.waiting > 0) this.#kick();
      });
      return;
    }
    this.#linger ??= setTimeout(() => {
      this.#linger = undefined;
      this.#kick(true);
    }, this.options.lingerMs);
    this.#linger.unref?.();
  }

  async #drain(): Promise<void> {
    for (;;) {
      await this.#storeDeletions();
      if (this.waiting === 0) break;
      const fromShown = this.#shown.splice(0, this.options.batchRows);
      const fromUnshown = this.#unshown.splice(0, this.options.batchRows - fromShown.length);
      const batch = [...fromShown, ...fromUnshown];
      try {
        await this.deps.save(batch);
        this.#passed(batch.length);
        this.deps.stored(batch.length);
        this.deps.ok();
      } catch (err) {
        // Put back in front, as they were: tried again after a pause (or at once when closing).
        this.#shown.unshift(...fromShown);
        this.#unshown.unshift(...fromUnshown);
        this.#bound();
        this.deps.failed(err);
        if (this.#closing) return;
        await new Promise<void>((r) => {
          this.#wakeRetry = r;
          setTimeout(r, this.options.retryMs).unref();
        });
      }
    }
  }

  /** Stores what waits, trying for at most `deadlineMs`; what is still waiting then is counted as not stored. */
  async close(deadlineMs: number): Promise<void> {
    // Real time, not the room's clock: a test's frozen clock must not make closing spin forever.
    const deadline = performance.now() + deadlineMs;
    this.#closing = true;
    clearTimeout(this.#linger);
    this.#linger = undefined;
    this.#wakeRetry?.();
    while (this.waiting > 0 && performance.now() < deadline) {
      this.#kick();
      await this.#writing;
      if (this.waiting > 0) await new Promise((r) => setTimeout(r, Math.min(this.options.retryMs, 200)));
    }
    await this.#writing;
    if (this.waiting > 0) this.deps.notStored('closing', this.waiting);
    this.#shown = [];
    this.#unshown = [];
  }
}
