import type { Client, HubOptions } from './hub.types';
import { WritePolicy } from './write-policy';

/** Sub-ticks stay 20 ms or longer (a 200 ms tick at most in 10 lanes). */
const MAX_LANES = 10;

type TickOptions = Pick<HubOptions, 'tickMs' | 'maxTickMs' | 'laneSockets' | 'writeBudget' | 'writeHoldMs'>;

/** 100 ms for small rooms, stretching to maxTickMs by 5,000 sockets: fewer, larger frames when writes dominate. */
export function tickMsFor(options: TickOptions, sockets: number): number {
  return Math.min(options.maxTickMs, options.tickMs + ((options.maxTickMs - options.tickMs) * sockets) / 5000);
}

/**
 * A big room is written in lanes of about `laneSockets` sockets, one lane per sub-tick of
 * tick/lanes: each socket still gets one frame per tick, but the writes are spread over the tick,
 * so a message waits at most about one tick, not a tick plus the time to write the whole room.
 */
export function laneCount(options: TickOptions, sockets: number): number {
  return Math.max(1, Math.min(MAX_LANES, Math.ceil(sockets / options.laneSockets)));
}

/**
 * The sockets of `count` lanes starting at lane `first` (wrapping), lane after lane, in one pass
 * over the room: a steady tick writes one lane, an early write all of them starting with the lane
 * the steady tick would write next, so that no lane is always last.
 */
export function socketsOfLanes(clients: Iterable<Client>, lanes: number, first: number, count = 1): Client[] {
  if (lanes === 1) return [...clients];
  const byLane: Client[][] = Array.from({ length: count }, () => []);
  for (const c of clients) byLane[((c.slot! % lanes) - first + lanes) % lanes]?.push(c);
  return byLane.flat();
}

/** What the ticker drives; both writers resolve to the socket writes they made. */
export interface TickTarget {
  sockets(): number;
  /** A steady (sub-)tick: settles the room's totals and writes one lane. */
  tick(): Promise<number>;
  /** An early write: what is waiting, to every socket that lacks it, now. */
  flush(): Promise<number>;
  onError(err: unknown): void;
}

/**
 * When a hub writes. The steady tick: every tick/lanes for the room's current number of sockets, at
 * a steady rate (the time a tick took is taken off the wait for the next one). Between ticks,
 * `nudge()` (chat, a deletion, a room event: what a viewer should see at once) asks the write
 * policy (write-policy.ts) for an early write, which happens only if it comes before the steady
 * ticks would have written every socket anyway. One write at a time, steady or early.
 */
export class HubTicker {
  #steady: NodeJS.Timeout | undefined;
  #early: NodeJS.Timeout | undefined;
  #stopped = false;
  #startedAt: number;
  #nextSteadyAt: number;
  #policy: WritePolicy;
  /** An early write is scheduled or in flight. */
  #flushing = false;
  /** A nudge came while an early write was in flight: it may have missed it. */
  #nudgedMeanwhile = false;
  /** The write in flight, so stop() lets it finish before the bus and database go away. */
  #running: Promise<void> = Promise.resolve();

  constructor(
    private readonly options: TickOptions,
    private readonly target: TickTarget,
    /** Monotonic milliseconds (injected in tests). */
    private readonly now: () => number = () => performance.now(),
  ) {
    this.#startedAt = now();
    this.#nextSteadyAt = this.#startedAt;
    this.#policy = new WritePolicy(options.writeBudget, this.#startedAt);
  }

  #subTickMs(sockets: number): number {
    return tickMsFor(this.options, sockets) / laneCount(this.options, sockets);
  }

  start(): void {
    if (this.#stopped) return;
    const wait = Math.max(0, this.#subTickMs(this.target.sockets()) - (this.now() - this.#startedAt));
    this.#nextSteadyAt = this.now() + wait;
    this.#steady = setTimeout(() => {
      this.#startedAt = this.now();
      // Until the next one is scheduled, assume it comes one sub-tick from now.
      this.#nextSteadyAt = this.#startedAt + this.#subTickMs(this.target.sockets());
      this.#run(() => this.target.tick()).then(() => this.start());
    }, wait);
  }

  /** Something a viewer should see at once is waiting: write it early if the policy allows. */
  nudge(): void {
    if (this.#stopped) return;
    if (this.#flushing) {
      this.#nudgedMeanwhile = true;
      return;
    }
    const sockets = this.target.sockets();
    const now = this.now();
    const wait = Math.max(this.options.writeHoldMs, this.#policy.waitMs(sockets, now));
    // By then the steady ticks have written every lane: leave it to them.
    const everyLaneAt = this.#nextSteadyAt + (laneCount(this.options, sockets) - 1) * this.#subTickMs(sockets);
    if (now + wait >= everyLaneAt) return;
    this.#flushing = true;
    this.#early = setTimeout(() => {
      this.#early = undefined;
      this.#nudgedMeanwhile = false;
      void this.#run(() => this.target.flush()).then(() => {
        this.#flushing = false;
        if (this.#nudgedMeanwhile) {
          this.#nudgedMeanwhile = false;
          this.nudge();
        }
      });
    }, wait);
  }

  /** Runs one writer after the one in flight, and charges its writes to the policy. */
  #run(write: () => Promise<number>): Promise<void> {
    this.#running = this.#running.then(() =>
      write().then(
        (writes) => this.#policy.spent(writes, this.now()),
        (err) => this.target.onError(err),
      ),
    );
    return this.#running;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#steady);
    clearTimeout(this.#early);
    await this.#running;
  }
}
