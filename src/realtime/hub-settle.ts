import type { Audience } from './audience';
import type { HubPeers } from './hub-peers';
import type { Outage } from './outage';
import { withTimeout } from '../kernel/timeout';

/**
 * Beside a hub's write path, once per round of lanes: the room's numbers into the counters
 * (audience.ts), then this node's sockets to the other nodes. With shared counters (Redis) that is
 * the room's roster, written and read in one call every `rosterPeriodMs` — nothing on the bus, so
 * what a node reads grows with neither the number of nodes nor their rounds; with per-process
 * counters it is this node's state on the bus (hub-peers.ts), when it changed and as a heartbeat.
 * At most one settlement is in flight, the tick never waits for it, and each step gives up after
 * `timeoutMs` (kept and retried by the next round): a frozen Redis or bus slows the numbers, never
 * the room.
 */
export class HubSettler {
  #settling: Promise<void> | undefined;
  /** A node this hub had not heard of spoke: it must hear this node's state at once. */
  #newPeer = false;
  /** The room's accepted-chat total, sampled about once a second over the last minute. */
  #acceptedSamples: { at: number; total: number }[] = [];
  /** When this node last wrote and read the room's roster (shared counters). */
  #rosterAt = -Infinity;

  constructor(
    private readonly deps: {
      audience: Audience;
      peers: HubPeers;
      sockets: () => number;
      timeoutMs: number;
      /** Shared counters: how often the roster is written and read (a node that joins or leaves changes the shares within it). */
      rosterPeriodMs: number;
      now: () => number;
      outages: { counters: Outage; bus: Outage };
      /** The numbers shown changed. */
      changed: () => void;
    },
  ) {}

  /** Starts a settlement unless one is in flight. */
  start(): void {
    this.#settling ??= this.#settle().finally(() => (this.#settling = undefined));
  }

  /** A node not heard from before spoke: this node's state goes out with the next settlement, changed or not. */
  newPeer(): void {
    this.#newPeer = true;
  }

  /** Chat accepted in the whole room over about the last minute. */
  messagesPerMinute(): number {
    const oldest = this.#acceptedSamples.find((s) => s.at >= this.deps.now() - 60_000);
    return oldest ? this.deps.audience.chatTotals().accepted - oldest.total : 0;
  }

  /** Resolves when no settlement is in flight (at once if none is): the one a tick started is done. */
  async idle(): Promise<void> {
    while (this.#settling) await this.#settling;
  }

  /** Waits for the settlement in flight, then settles what is left once more (at close, and for a reader that needs settled numbers). */
  async flush(): Promise<void> {
    await this.#settling;
    await this.#settle();
  }

  async #settle(): Promise<void> {
    const { audience, peers, outages, now } = this.deps;
    try {
      if (await audience.settle(this.deps.sockets())) this.deps.changed();
      outages.counters.ok();
    } catch (err) {
      outages.counters.failed(err);
    }
    const at = now();
    const last = this.#acceptedSamples.at(-1);
    if (!last || at - last.at >= 1000) this.#acceptedSamples.push({ at, total: audience.chatTotals().accepted });
    while (this.#acceptedSamples[0]!.at < at - 61_000) this.#acceptedSamples.shift();
    if (audience.shared) await this.#announce(at);
    else await this.#sendState(at);
  }

  async #announce(at: number): Promise<void> {
    const { audience, outages } = this.deps;
    if (at - this.#rosterAt < this.deps.rosterPeriodMs) return;
    this.#rosterAt = at;
    try {
      if (await audience.announce(this.deps.sockets())) this.deps.changed();
      outages.counters.ok();
    } catch (err) {
      outages.counters.failed(err);
    }
  }

  async #sendState(at: number): Promise<void> {
    const { audience, peers, outages } = this.deps;
    try {
      const force = this.#newPeer;
      this.#newPeer = false;
      await withTimeout(peers.sendState(audience.state(this.deps.sockets()), at, force), this.deps.timeoutMs, 'announcing the node state');
      outages.bus.ok();
    } catch (err) {
      outages.bus.failed(err);
    }
  }
}
