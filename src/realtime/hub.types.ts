import type { WebSocket } from 'ws';
import type { Bus } from '../platform/bus/bus.port';
import type { Counters } from '../platform/counters/counters.port';
import type { RoomEvent } from '../contracts/room-events.schemas';
import type { ChatMessage, ViewerIdentity } from '../contracts/realtime.schemas';
import type { ChatLimits } from './chat-rules';
import type { ModerationState } from './room-moderation';

/** What a room hub is built from: its options, its room, its storage and its dependencies. */

export interface HubOptions {
  /** Shortest tick; the tick stretches up to maxTickMs with the number of sockets (see tickFor). */
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
  now: () => number;
  log: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

export interface Client {
  ws: WebSocket;
  viewer: ViewerIdentity;
  privileged: boolean;
  behindSince?: number;
  /** Like budget of this socket (token bucket); see LIKES_PER_SECOND. */
  likeTokens?: number;
  likesAt?: number;
}
