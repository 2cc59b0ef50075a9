import type { WebSocket } from 'ws';
import type { Bus } from '../platform/bus/bus.port';
import type { Counters } from '../platform/counters/counters.port';
import type { RoomEvent } from '../contracts/room-events.schemas';
import type { ChatMessage, ViewerIdentity } from '../contracts/realtime.schemas';
import type { ChatLimits } from './chat-rules';
import type { WriteStats } from './fanout';
import type { ModerationState } from './room-moderation';
import type { NotStored } from './chat-store';

/** What a room hub is built from: its options, its room, its storage and its dependencies. */

export interface HubOptions {
  /** Shortest tick; the tick stretches up to maxTickMs with the number of sockets (hub-ticker.ts). */
  tickMs: number;
  maxTickMs: number;
  chatPerSecond: number;
  /**
   * A message chosen on one node is shown on the others up to this much later (their next tick):
   * each node chooses its share within a second and this margin, so all of it fits any second of
   * every node's display cap (relay-sampler.ts). The longest tick (maxTickMs) in a running node.
   */
  relayMarginMs: number;
  maxBufferedBytes: number;
  slowCloseMs: number;
  resumeFrames: number;
  recentMessages: number;
  /** A reconnect within this window is not another view. */
  viewWindowMs: number;
  peerTimeoutMs: number;
  /** Settling the room's numbers (counters) or announcing this node's state (bus) unanswered after this long fails and is retried. */
  settleTimeoutMs: number;
  /** Chat the room did not show, stored per second per room on this node (what it showed always is). */
  chatStorePerSecond: number;
  /** Chat messages waiting for the database per room on this node, at most. */
  chatStoreBacklog: number;
  /** How long stored chat waits for more to share its insert (chat-store.ts); 0: one insert per message as it comes. */
  chatStoreLingerMs: number;
  /** Sockets written per event-loop turn: 20,000 sockets in one loop block it 0.2–0.3 s. */
  writeChunk: number;
  /** About this many sockets are written per sub-tick; a bigger room is written in lanes (hub-ticker.ts). */
  laneSockets: number;
  /**
   * Socket writes per second a room may spend writing at once, between ticks (write-policy.ts): a
   * quiet room is written as soon as a message arrives, a busy one once per tick. 0: ticks only.
   */
  writeBudget: number;
  /** How long an early write waits for more to come with it (0: the next turn of the event loop). */
  writeHoldMs: number;
  /**
   * Changed counts alone (likes, online, views) make a batch of their own at most this often; a
   * batch with chat, a deletion or an event carries the latest counts whenever it goes (hub.ts).
   * 0: at every tick.
   */
  countsMs: number;
  limits: ChatLimits;
  operatorBannedWords: readonly string[];
  /** Applied to every accepted message (links context: links to marketplaces the policy hides are masked). */
  maskText?: (text: string) => string;
}

/** The numbers an operator may tune (HUTONG_ROOM_* in docs/config.md); the rest of HubOptions follows from other settings. */
export type HubTuning = Pick<
  HubOptions,
  | 'tickMs'
  | 'maxTickMs'
  | 'maxBufferedBytes'
  | 'slowCloseMs'
  | 'resumeFrames'
  | 'recentMessages'
  | 'viewWindowMs'
  | 'peerTimeoutMs'
  | 'settleTimeoutMs'
  | 'writeChunk'
  | 'laneSockets'
  | 'writeBudget'
  | 'writeHoldMs'
  | 'countsMs'
  | 'chatStorePerSecond'
  | 'chatStoreBacklog'
  | 'chatStoreLingerMs'
>;

export interface HubRoom {
  id: string;
  slug: string;
  shopId: string;
}

export interface HubStore {
  saveChat(roomId: string, messages: readonly ChatMessage[]): Promise<void>;
  /** Marks a stored message deleted (nothing when it is not stored, or already deleted). */
  markDeleted(roomId: string, id: string): Promise<unknown>;
  loadModeration(room: HubRoom): Promise<ModerationState>;
  /** The latest stored, undeleted messages, oldest first: the snapshot a fresh hub starts with. */
  recentChat(roomId: string, limit: number): Promise<ChatMessage[]>;
}

export interface HubDeps {
  room: HubRoom;
  nodeId: string;
  bus: Bus;
  counters: Counters;
  store: HubStore;
  subscribeEvents(roomId: string, handler: (e: RoomEvent) => void): Promise<() => Promise<void>>;
  /** The room's live show, if any: audience numbers count per show, per room while there is none. */
  liveShowId(roomId: string): Promise<string | undefined>;
  options: HubOptions;
  metrics?: HubMetrics;
  now: () => number;
  log: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

/** What hubs report for monitoring; the app turns it into Prometheus metrics (docs/protocol.md). */
export interface HubMetrics {
  /** A hub opened (+1) or closed (-1) on this node. */
  rooms(delta: number): void;
  /** A socket joined (+1) or left (-1) a room on this node. */
  sockets(delta: number): void;
  /** A (sub-)tick: how long it took and what it wrote. */
  tick(seconds: number, written: WriteStats): void;
  /** A chat message from a socket here: accepted, or the REALTIME_* code it was refused with. */
  chat(outcome: string): void;
  /** Chat of this node's sockets: chosen for the room's display (`shown`), stored, or not stored and why. */
  chatFlow(what: 'shown' | 'stored' | NotStored, n: number): void;
  /** A dependency failed on a room's behalf; the room went on without it and retries. */
  fault(what: 'counters' | 'bus' | 'database'): void;
}

export interface Client {
  ws: WebSocket;
  viewer: ViewerIdentity;
  privileged: boolean;
  behindSince?: number;
  /** The seq of the last batch this socket has; set when it joins. */
  seq?: number;
  /** Join number: the socket's lane is slot modulo the number of lanes. */
  slot?: number;
  /** Like budget of this socket (token bucket, like-budget.ts). */
  likeTokens?: number;
  likesAt?: number;
}
