import type { Bus, Json } from '../platform/bus/bus.port';
import type { ChatMessage } from '../contracts/realtime.schemas';
import type { AudienceState } from './audience';
import { hubTopic } from './topics';

/** Messages between the hubs of one room on different nodes. */
export type HubMessage =
  | { k: 'chat'; node: string; messages: ChatMessage[] }
  | ({ k: 'state' } & AudienceState)
  | { k: 'gone'; node: string }
  | { k: 'delete'; id: string }
  | { k: 'mute'; viewerId: string; until: number }
  | { k: 'slow'; seconds: number }
  /** The account bought in this room: its sockets chat as `buyer` from now on. */
  | { k: 'buyer'; viewerId: string };
export type ShopMessage = { k: 'ban'; viewerId: string } | { k: 'unban'; viewerId: string } | { k: 'words'; words: string[] };

/** A changed state waits this long after the last one sent (per-process counters: the state carries the likes, which change every round). */
const STATE_MIN_GAP_MS = 1000;
/** Relays not yet answered by the bus, at most: beyond it (a stalled Redis) chat for the other nodes is dropped, not queued. */
const MAX_UNANSWERED = 100;

/**
 * What this node's hub of a room tells the same room's hubs on the other nodes: the chat it chose
 * for the room, at once, and its audience state, when it changes and as a heartbeat.
 *
 * Nothing here holds up the room: relays are not chained on each other's answers (every bus
 * adapter keeps one publisher's order by itself), and while the bus does not answer at most
 * MAX_UNANSWERED relays wait; the rest are dropped and counted — the bus is at-most-once anyway.
 */
export class HubPeers {
  #unrelayed: ChatMessage[] = [];
  #unanswered = new Set<Promise<void>>();
  #lastState = '';
  #lastStateAt = 0;

  constructor(
    private readonly deps: {
      bus: Bus;
      roomId: string;
      nodeId: string;
      /** A node unheard of for this long counts zero online: the heartbeat comes three times as often. */
      peerTimeoutMs: number;
      /** Told when a relay failed or was dropped (n messages). */
      failed(err: unknown, messages: number): void;
      ok(): void;
    },
  ) {}

  /**
   * Chosen chat goes out at once, not at this node's next tick: a message then waits for one tick
   * (the receiving node's), not two. Messages of one event-loop turn travel together.
   */
  relay(messages: readonly ChatMessage[]): void {
    if (messages.length === 0) return;
    this.#unrelayed.push(...messages);
    if (this.#unrelayed.length === messages.length) setImmediate(() => this.#flush());
  }

  #flush(): void {
    const messages = this.#unrelayed.splice(0);
    if (messages.length === 0) return;
    if (this.#unanswered.size >= MAX_UNANSWERED) {
      this.deps.failed(new Error(`the bus has not answered ${MAX_UNANSWERED} relays`), messages.length);
      return;
    }
    const sent: Promise<void> = this.#publish({ k: 'chat', node: this.deps.nodeId, messages }).then(
      () => this.deps.ok(),
      (err) => this.deps.failed(err, messages.length),
    );
    this.#unanswered.add(sent);
    void sent.finally(() => this.#unanswered.delete(sent));
  }

  /** Resolves when everything relayed so far has been answered (or failed). */
  async flush(): Promise<void> {
    this.#flush();
    await Promise.all(this.#unanswered);
  }

  /**
   * Publishes this node's state when it changed, at most once per STATE_MIN_GAP_MS (every node
   * reads every node's states: K nodes announcing each round would cost each K × rounds a second),
   * or `force`d (a node the others did not know yet must learn their shares at once), and at least
   * every peerTimeoutMs/3 so peers keep counting it.
   */
  async sendState(state: AudienceState, now: number, force = false): Promise<void> {
    const message = { k: 'state' as const, ...state };
    const text = JSON.stringify(message);
    const since = now - this.#lastStateAt;
    if (!force && since < (text === this.#lastState ? this.deps.peerTimeoutMs / 3 : Math.min(STATE_MIN_GAP_MS, this.deps.peerTimeoutMs / 3))) return;
    this.#lastState = text;
    this.#lastStateAt = now;
    try {
      await this.#publish(message);
    } catch (err) {
      this.#lastState = ''; // not sent: send again next time even if unchanged
      throw err;
    }
  }

  /** This node's hub is closing: the others stop counting its sockets now, not after peerTimeoutMs. */
  gone(): Promise<void> {
    return this.#publish({ k: 'gone', node: this.deps.nodeId });
  }

  #publish(message: HubMessage): Promise<void> {
    return this.deps.bus.publish(hubTopic(this.deps.roomId), message as unknown as Json);
  }
}
