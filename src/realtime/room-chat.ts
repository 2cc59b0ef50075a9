import type { ChatMessage } from '../contracts/realtime.schemas';
import type { ChatTally } from '../platform/counters/counters.port';
import { ChatSampler, isPriority } from './chat-sampler';
import type { ChatStore } from './chat-store';
import type { HubPeers } from './hub-peers';
import { RelaySampler } from './relay-sampler';

/**
 * A room's chat on one node, from acceptance to the batch: which messages of this node the room
 * shows (relay-sampler.ts: this node's share of the display budget, plus every host and moderator
 * message), relaying those to the other nodes, showing them with the other nodes' choices within
 * the display cap (chat-sampler.ts), and storing what was shown and, within a rate, the rest
 * (chat-store.ts). Each node stores the messages its own sockets sent, so nothing is stored twice.
 */
export class RoomChat {
  #relay: RelaySampler;
  #display: ChatSampler;

  constructor(
    private readonly deps: {
      perSecond: number;
      /** A message chosen here is shown on the other nodes up to this much later (relay-sampler.ts). */
      tickMs: number;
      peers: HubPeers;
      store: ChatStore;
      now: () => number;
      /** Accepted and shown by this node (the store reports what it stored itself). */
      tally(change: Partial<ChatTally>): void;
    },
  ) {
    this.#relay = new RelaySampler(deps.tickMs);
    this.#display = new ChatSampler(deps.perSecond);
  }

  /** A message accepted from a socket here; `share` is this node's part of the display budget per second. */
  accept(message: ChatMessage, share: number): void {
    this.deps.tally({ accepted: 1 });
    if (isPriority(message) || this.#relay.offer(message, share, this.deps.now())) this.#show([message]);
  }

  /** Messages another node chose for the room. */
  fromPeer(messages: readonly ChatMessage[]): void {
    for (const m of messages) this.#display.add(m);
  }

  remove(id: string): void {
    this.#relay.remove(id);
    this.#display.remove(id);
  }

  /** Something waits for the next batch. */
  get waiting(): boolean {
    return this.#relay.waiting || this.#display.waiting;
  }

  /** The chat of the next batch: a round of this node's choice (relayed at once), then the display cap. */
  take(share: number, now: number): ChatMessage[] {
    const { picked, left } = this.#relay.take(share, now);
    this.#show(picked);
    this.deps.store.unshown(left);
    return this.#display.take(now);
  }

  #show(messages: ChatMessage[]): void {
    if (messages.length === 0) return;
    this.deps.tally({ shown: messages.length });
    this.deps.peers.relay(messages);
    this.deps.store.shown(messages);
    for (const m of messages) this.#display.add(m);
  }
}
