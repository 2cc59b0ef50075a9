/**
 * One room's recent stream events on this node, for `Last-Event-ID` resume: a ring of the last
 * `window` entries, each with an id `EPOCH-SEQ`. EPOCH is random per log, so an id from another
 * node, another worker or before a restart is recognised as foreign (a gap), never mistaken for
 * one of ours. Memory is bounded by `window` × the largest event (room events are small documents).
 */
export interface LogEntry {
  id: string;
  seq: number;
  /** The SSE event name (the room event's type, or the sales event's). */
  name: string;
  /** The event as JSON, serialised once for every stream. */
  data: string;
  /** Only API-key streams of the room's shop receive it. */
  keyOnly: boolean;
}

export type Resume = { ok: true; entries: LogEntry[] } | { ok: false; reason: 'unknown' | 'expired' };

export class RoomLog {
  readonly epoch = Math.random().toString(36).slice(2, 10);
  #ring: (LogEntry | undefined)[];
  #seq = 0;

  constructor(readonly window: number) {
    this.#ring = new Array(window);
  }

  /** The id of the last entry appended (`EPOCH-0` before any). */
  get lastId(): string {
    return `${this.epoch}-${this.#seq}`;
  }

  append(name: string, data: string, keyOnly: boolean): LogEntry {
    const seq = ++this.#seq;
    const entry = { id: `${this.epoch}-${seq}`, seq, name, data, keyOnly };
    this.#ring[seq % this.window] = entry;
    return entry;
  }

  /**
   * What came after `lastEventId`, oldest first: every entry still held, or a gap when the id is not
   * this log's (`unknown`) or its successor has already left the window (`expired`).
   */
  since(lastEventId: string): Resume {
    const m = /^([a-z0-9]+)-(\d{1,15})$/.exec(lastEventId);
    if (!m || m[1] !== this.epoch) return { ok: false, reason: 'unknown' };
    const after = Number(m[2]);
    if (after > this.#seq) return { ok: false, reason: 'unknown' };
    const oldest = Math.max(1, this.#seq - this.window + 1);
    if (after + 1 < oldest) return { ok: false, reason: 'expired' };
    const entries: LogEntry[] = [];
    for (let seq = after + 1; seq <= this.#seq; seq++) entries.push(this.#ring[seq % this.window]!);
    return { ok: true, entries };
  }
}
