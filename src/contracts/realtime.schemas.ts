import { z } from 'zod';
import { key, text } from './text.schemas';
import { pageAnswer } from './pagination.schemas';
import { roomEvent } from './room-events.schemas';

/**
 * The room socket protocol, version 1 (docs/protocol.md). JSON text frames, one object each,
 * discriminated by `t`. The server and the web client validate with these same schemas.
 */
export const PROTOCOL_VERSION = 1;

/** Longest chat message, in characters (code points). */
export const CHAT_MAX_CHARS = 200;

/** A client frame is at most this many bytes; a bigger one closes the socket (1009). */
export const CLIENT_FRAME_MAX_BYTES = 4096;

/** How a chatter shows in the room. Comes from the server's session, never from the client. */
export const chatRole = z.enum(['host', 'moderator', 'buyer', 'viewer']);
export type ChatRole = z.infer<typeof chatRole>;

export const viewerIdentity = z.object({
  /** `u:<userId>` for an account, `a:<random>` for an anonymous viewer. */
  id: z.string().max(64),
  name: z.string().max(64),
  role: chatRole,
});
export type ViewerIdentity = z.infer<typeof viewerIdentity>;

export const chatMessage = z.object({
  id: z.string().uuid(),
  /** Milliseconds since the epoch, on the server that accepted the message. */
  at: z.number(),
  from: viewerIdentity,
  /** Plain text. Clients render it as text, never as HTML. */
  text: z.string().max(CHAT_MAX_CHARS * 2),
});
export type ChatMessage = z.infer<typeof chatMessage>;

/** Audience numbers, always totals (docs/audience.md). */
export const roomCounts = z.object({
  /** Open sockets now, summed over nodes. */
  online: z.number().int().nonnegative(),
  /** Peak `online` since the room's counters started. */
  pcu: z.number().int().nonnegative(),
  /** Joins; a reconnect within 60 s is not counted again. */
  views: z.number().int().nonnegative(),
  /** Distinct viewers, estimated by HyperLogLog (about 1 % error). */
  unique: z.number().int().nonnegative(),
  likes: z.number().int().nonnegative(),
});
export type RoomCounts = z.infer<typeof roomCounts>;

// ---- server → client ----

/** First frame on every connection: who you are, where the stream stands, and a snapshot or a resume. */
export const helloFrame = z.object({
  t: z.literal('hello'),
  v: z.literal(PROTOCOL_VERSION),
  room: z.object({ id: z.string().uuid(), slug: z.string() }),
  viewer: viewerIdentity,
  /** Signed anonymous viewer key: send it back as `viewerKey` next time to stay the same viewer. */
  viewerKey: z.string().max(200).optional(),
  /** Identifies this node's hub; `seq` is only meaningful together with it. */
  epoch: z.string().max(64),
  /** The seq of the last batch sent before this hello. */
  seq: z.number().int().nonnegative(),
  /** True when the batches after the client's `resume` seq follow (replayed); false: `recent` is a fresh snapshot. */
  resumed: z.boolean(),
  recent: z.array(chatMessage),
  counts: roomCounts,
  /** Chat rules the client can show before the server refuses. */
  slowModeSeconds: z.number().int().nonnegative(),
});
export type HelloFrame = z.infer<typeof helloFrame>;

/** One per hub tick, only when something changed; encoded once and written to every socket of the room. */
export const batchFrame = z.object({
  t: z.literal('batch'),
  seq: z.number().int().positive(),
  chat: z.array(chatMessage),
  /** Ids of chat messages a moderator removed: clients drop them from view. */
  deleted: z.array(z.string().uuid()),
  events: z.array(roomEvent),
  counts: roomCounts,
  slowModeSeconds: z.number().int().nonnegative(),
});
export type BatchFrame = z.infer<typeof batchFrame>;

/** The sender's own accepted message, at once and only to them (the room batch may have sampled it out). */
export const ackFrame = z.object({ t: z.literal('ack'), ref: z.string().max(64), message: chatMessage });

/** A refused client frame. `code` is a REALTIME_* code from the error catalogue (docs/errors.md). */
export const errorFrame = z.object({
  t: z.literal('error'),
  code: z.string().max(64),
  message: z.string().max(500),
  ref: z.string().max(64).optional(),
  /** For rate limits, mutes and slow mode: when the client may try again (ms since the epoch). */
  retryAt: z.number().optional(),
});
export type ErrorFrame = z.infer<typeof errorFrame>;

export const serverFrame = z.discriminatedUnion('t', [helloFrame, batchFrame, ackFrame, errorFrame]);
export type ServerFrame = z.infer<typeof serverFrame>;

// ---- client → server ----

export const chatSendFrame = z.object({
  t: z.literal('chat'),
  /** The client's id for this message, echoed in `ack` or `error`. */
  ref: z.string().min(1).max(64),
  /** Any text the frame can hold: the chat rules judge its length (REALTIME_CHAT_TOO_LONG, with the ref). */
  text: z.string().max(CLIENT_FRAME_MAX_BYTES),
});

/** Taps one like frame may carry. */
export const LIKES_PER_FRAME_MAX = 100;

/** Taps coalesced by the client (at most one frame per 250 ms). */
export const likeFrame = z.object({ t: z.literal('like'), n: z.number().int().min(1).max(LIKES_PER_FRAME_MAX) });

/**
 * The taps of a parsed frame that `likeFrame` accepts, read without zod; undefined for any other
 * frame (then `clientFrame` judges it). Like frames are most of what a room's sockets send (1,000 a
 * second in the fan-out bench): zod's union cost ~5 % of a quiet room's CPU on them. A test keeps
 * the two in agreement.
 */
export function likeTaps(raw: unknown): number | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { t, n } = raw as { t?: unknown; n?: unknown };
  return t === 'like' && Number.isInteger(n) && (n as number) >= 1 && (n as number) <= LIKES_PER_FRAME_MAX ? (n as number) : undefined;
}

export const clientFrame = z.discriminatedUnion('t', [chatSendFrame, likeFrame]);
export type ClientFrame = z.infer<typeof clientFrame>;

/** Close codes the server uses (4000–4999 are the application's). */
export const closeCodes = {
  /** Banned from this shop's rooms. */
  banned: 4403,
  /** The client stayed behind too long (bounded send queue); reconnect and resume. */
  slowConsumer: 4008,
  /** The server is shutting down; reconnect (to another node). */
  goingAway: 1001,
  /** The room could not be opened on this node (its database did not answer); reconnect with backoff. */
  unavailable: 1011,
} as const;

// ---- HTTP: moderation and live numbers ----

export const socketQuery = z.object({
  v: z.coerce.number().int().optional(),
  viewerKey: z.string().max(200).optional(),
  resume: z.coerce.number().int().nonnegative().optional(),
  epoch: z.string().max(64).optional(),
});

export const liveNumbers = roomCounts.extend({
  /** Chat messages accepted in the last 60 s, on all nodes. */
  messagesPerMinute: z.number().int().nonnegative(),
  /** The show's chat so far, every node's: accepted, shown to the room (the sample), stored (docs/scale.md). */
  chat: z.object({ accepted: z.number().int().nonnegative(), shown: z.number().int().nonnegative(), stored: z.number().int().nonnegative() }),
});
export const liveNumbersAnswer = z.object({ numbers: liveNumbers, slowModeSeconds: z.number().int().nonnegative() });

export const chatHistoryAnswer = pageAnswer('messages', chatMessage.extend({ deleted: z.boolean() }));
export const messageParams = z.object({ slug: key({ max: 40 }), messageId: z.string().uuid() });
export const muteBody = z.object({ viewerId: key({ max: 64 }), minutes: z.number().int().min(1).max(7 * 24 * 60) });
export const banBody = z.object({ viewerId: key({ max: 64 }) });
export const banParams = z.object({ slug: key({ max: 40 }), viewerId: key({ max: 64 }) });
export const slowModeBody = z.object({ seconds: z.number().int().min(0).max(600) });
export const bannedWordsBody = z.object({
  words: z.array(text({ max: 40 })).max(500),
});
export const bannedWordsAnswer = bannedWordsBody;
export const okAnswer = z.object({ ok: z.literal(true) });

/** A replay's chat line: as it was said, with its offset into the recording (seconds). */
export const replayChatMessage = chatMessage.extend({ offsetSeconds: z.number() });
export type ReplayChatMessage = z.infer<typeof replayChatMessage>;
export const replayChatAnswer = z.object({ messages: z.array(replayChatMessage), next: z.string().nullable().describe('Pass as `after` for the next page; null on the last page') });
export const replayChatParams = z.object({ slug: z.string().min(1).max(40), showId: z.string().uuid() });
