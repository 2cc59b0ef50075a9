import type { BatchFrame } from '../contracts/realtime.schemas';
import { encodeFrame, type EncodedFrame } from './wire';

type Batch = Omit<BatchFrame, 't' | 'seq'>;

/**
 * The hub's recent batches, one per (sub-)tick in which something changed, numbered by `seq`.
 * A socket is sent everything after the last seq it got, as ONE frame: the chat, deletions and
 * events of the batches it has not seen, with the latest counts. Sockets that last got the same
 * seq (a lane, the joiners of one tick, a resume) share one encoding until the next batch.
 */
export class BatchLog {
  #batches: BatchFrame[] = [];
  #encoded = new Map<number, EncodedFrame>();

  constructor(private readonly keep: number) {}

  /** The seq of the latest batch (0 before the first). */
  get seq(): number {
    return this.#batches.at(-1)?.seq ?? 0;
  }

  /** True when every batch after `from` is still here (so a socket at `from` can be brought up to date). */
  covers(from: number): boolean {
    const oldest = this.#batches[0]?.seq ?? this.seq + 1;
    return from >= oldest - 1 && from <= this.seq;
  }

  append(batch: Batch): BatchFrame {
    const frame: BatchFrame = { t: 'batch', seq: this.seq + 1, ...batch };
    this.#batches.push(frame);
    if (this.#batches.length > this.keep) this.#batches.shift();
    this.#encoded.clear();
    return frame;
  }

  /** One frame with everything after `from`; undefined when there is nothing newer or `covers(from)` is false. */
  since(from: number): EncodedFrame | undefined {
    if (from >= this.seq || !this.covers(from)) return undefined;
    let frame = this.#encoded.get(from);
    if (!frame) {
      frame = encodeFrame(JSON.stringify(this.#merge(from)));
      this.#encoded.set(from, frame);
    }
    return frame;
  }

  #merge(from: number): BatchFrame {
    const last = this.#batches.at(-1)!;
    const newer = this.#batches.slice(this.#batches.length - (last.seq - from));
    if (newer.length === 1) return last;
    return {
      ...last,
      chat: newer.flatMap((b) => b.chat),
      deleted: newer.flatMap((b) => b.deleted),
      events: newer.flatMap((b) => b.events),
    };
  }
}
