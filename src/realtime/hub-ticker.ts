import type { HubOptions } from './hub.types';

/** Sub-ticks stay 20 ms or longer (a 200 ms tick at most in 10 lanes). */
const MAX_LANES = 10;

type TickOptions = Pick<HubOptions, 'tickMs' | 'maxTickMs' | 'laneSockets'>;

/** 100 ms for small rooms, stretching to maxTickMs by 5,000 sockets: fewer, larger frames when writes dominate. */
export function tickMsFor(o: TickOptions, sockets: number): number {
  return Math.min(o.maxTickMs, o.tickMs + ((o.maxTickMs - o.tickMs) * sockets) / 5000);
}

/**
 * A big room is written in lanes of about `laneSockets` sockets, one lane per sub-tick of
 * tick/lanes: each socket still gets one frame per tick, but the writes are spread over the tick,
 * so a message waits at most about one tick, not a tick plus the time to write the whole room.
 */
export function laneCount(o: TickOptions, sockets: number): number {
  return Math.max(1, Math.min(MAX_LANES, Math.ceil(sockets / o.laneSockets)));
}

/**
 * When a hub ticks: every tick/lanes for its current number of sockets, at a steady rate (the time
 * a tick took is taken off the wait for the next one), one tick at a time.
 */
export class HubTicker {
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;
  #startedAt = performance.now();
  /** The tick in flight, so stop() lets it finish before the bus and database go away. */
  #running: Promise<void> = Promise.resolve();

  constructor(
    private readonly o: TickOptions,
    private readonly sockets: () => number,
    private readonly tick: () => Promise<void>,
    private readonly onError: (err: unknown) => void,
  ) {}

  start(): void {
    if (this.#stopped) return;
    const n = this.sockets();
    const wait = Math.max(0, tickMsFor(this.o, n) / laneCount(this.o, n) - (performance.now() - this.#startedAt));
    this.#timer = setTimeout(() => {
      this.#startedAt = performance.now();
      this.#running = this.tick().then(
        () => this.start(),
        (err) => {
          this.onError(err);
          this.start();
        },
      );
    }, wait);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
  }
}
