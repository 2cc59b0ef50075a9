import type { WebSocket } from 'ws';
import type { Bus } from '../platform/bus/bus.port';
import type { Counters } from '../platform/counters/counters.port';
import type { RoomEvent } from '../contracts/room-events.schemas';
import type { ChatMessage, ViewerIdentity } from '../contracts/realtime.schemas';
import type { ChatLimits } from './chat-rules';
import type { WriteStats } from './fanout';
import type { ModerationState } from './room-moderation';

/** What a room hub is built from: its options, its room, its storage and its dependencies. */

export interface HubOptions {
  /** Shortest tick; the tick stretches up to maxTickMs with the number of sockets (hub-ticker.ts). */
  tickMs: number;
  maxTickMs: number;
  chatPerSecond: number;
  maxBufferedBytes: number;
  slowCloseMs: number;
  resumeFrames: number;
  recentMessages: number;
  /** A reconnect within this window is not another view. */
  viewWindowMs: number;
  peerTimeoutMs: number;
  /** Sockets written per event-loop turn: 20,000 sockets in one loop block it 0.2–0.3 s. */
  writeChunk: number;
  /** About this many sockets are written per sub-tick; a bigger room is written in lanes (hub-ticker.ts). */
  laneSockets: number;
  limits: ChatLimits;
  operatorBannedWords: readonly string[];
  /** Applied to every accepted message (links context: links to marketplaces the policy hides are masked). */
  maskText?: (text: string) => string;
}

export interface HubRoom {
  id: string;
  slug: string;
  shopId: string;
}

export interface HubStore {
  saveChat(roomId: string, messages: readonly ChatMessage[]): Promise<void>;
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
