import type { Bus, Json } from '../platform/bus/bus.port';
import type { ChatMessage } from '../contracts/realtime.schemas';
import type { AudienceState } from './audience';

/** The hubs of one room on every node talk on this topic; moderation publishes to it too. */
export const hubTopic = (roomId: string) => `room.${roomId}.hub`;
/** Shop-wide moderation (bans, the banned-word list) for every room of the shop. */
export const shopModerationTopic = (shopId: string) => `shop.${shopId}.chat`;

/** Messages between the hubs of one room on different nodes. */
export type HubMessage =
  | { k: 'chat'; node: string; messages: ChatMessage[] }
  | ({ k: 'state' } & AudienceState)
  | { k: 'delete'; id: string }
  | { k: 'mute'; viewerId: string; until: number }
  | { k: 'slow'; seconds: number };
export type ShopMessage = { k: 'ban'; viewerId: string } | { k: 'unban'; viewerId: string } | { k: 'words'; words: string[] };

/**
 * What this node's hub of a room tells the same room's hubs on the other nodes: its accepted chat,
 * at once, and its audience state, when it changes and as a heartbeat.
 */
export class HubPeers {
  #unrelayed: ChatMessage[] = [];
  #relaying: Promise<void> = Promise.resolve();
  #lastState = '';
  #lastStateAt = 0;

  constructor(
    private readonly d: {
      bus: Bus;
      roomId: string;
      nodeId: string;
      /** A node unheard of for this long counts zero online: the heartbeat comes three times as often. */
      peerTimeoutMs: number;
      log: { error(obj: object, msg: string): void };
    },
  ) {}

  /**
   * Accepted chat goes out at once, not at this node's next tick: a message then waits for one
   * tick (the receiving node's), not two. Messages of one event-loop turn travel together.
   */
  relay(message: ChatMessage): void {
    this.#unrelayed.push(message);
    if (this.#unrelayed.length === 1) setImmediate(() => void this.flush());
  }

  /** Sends what is waiting; resolves when everything relayed so far has been published. */
  flush(): Promise<void> {
    const messages = this.#unrelayed.splice(0);
    if (messages.length === 0) return this.#relaying;
    const publish = () =>
      this.#publish({ k: 'chat', node: this.d.nodeId, messages }).catch((err) =>
        this.d.log.error({ err, roomId: this.d.roomId }, 'relaying chat to the other nodes failed'),
      );
    // Chained, so the other nodes see this node's messages in the order it accepted them.
    this.#relaying = this.#relaying.then(publish);
    return this.#relaying;
  }

  /** Publishes this node's state when it changed, and at least every peerTimeoutMs/3 so peers keep counting it. */
  async sendState(state: AudienceState, now: number): Promise<void> {
    const message = { k: 'state' as const, ...state };
    const text = JSON.stringify(message);
    if (text === this.#lastState && now - this.#lastStateAt <= this.d.peerTimeoutMs / 3) return;
    this.#lastState = text;
    this.#lastStateAt = now;
    await this.#publish(message);
  }

  #publish(message: HubMessage): Promise<void> {
    return this.d.bus.publish(hubTopic(this.d.roomId), message as unknown as Json);
  }
}
