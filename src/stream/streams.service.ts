import type { ServerResponse } from 'node:http';
import type { RoomEvent } from '../contracts/room-events.schemas';
import type { RoomCounts } from '../contracts/realtime.schemas';
import type { StoredSalesEvent } from '../contracts/sales-events.schemas';
import { RoomLog, type LogEntry } from './room-log';
import { sseComment, sseEvent, sseRetry } from './sse';

export interface StreamRoom {
  id: string;
  slug: string;
  shopId: string;
}

export interface StreamOptions {
  /** Events each room keeps for resume (the window). */
  window: number;
  /** How long a room's log outlives its last stream, so a reconnect can still resume. */
  lingerMs: number;
  /** Open streams per client IP address, over all rooms. */
  perIp: number;
  /** Bytes a stream may have waiting to be sent before it is dropped as a slow reader. */
  maxBufferedBytes: number;
  audienceMs: number;
  heartbeatMs: number;
}

export interface StreamDeps {
  /** The room's events from every node (the bus), validated. */
  subscribeRoom(roomId: string, handler: (event: RoomEvent) => void): Promise<() => Promise<void>>;
  /** Every committed sales event from every node (the bus). */
  subscribeSales(handler: (event: StoredSalesEvent) => void): Promise<() => Promise<void>>;
  /** The room's audience numbers, held while the room has streams here. */
  audience(room: StreamRoom): Promise<{ counts(): RoomCounts; release(): void }>;
  log: { warn(o: object, m: string): void };
}

/** Sales events a keyed stream carries: the room's orders, with their amounts (public streams never). */
const ORDER_EVENT = /^(order|presale)\./;

interface Stream {
  res: ServerResponse;
  keyed: boolean;
  ip: string;
}

interface Channel {
  room: StreamRoom;
  log: RoomLog;
  streams: Set<Stream>;
  ready: Promise<void>;
  close: () => Promise<void>;
  counts?: () => RoomCounts;
  linger?: NodeJS.Timeout;
}

export type OpenResult = { ok: true } | { ok: false; reason: 'too_many' };

/**
 * The live event stream of each room (docs/events.md): one channel per room with streams on this
 * node, fed by the bus, with its bounded log for resume; a per-second audience line; a comment every
 * `heartbeatMs`. A stream whose unsent bytes pass `maxBufferedBytes` is closed (it resumes from the
 * log when it comes back), so a slow reader never holds more than that much memory.
 */
export function createEventStreams(deps: StreamDeps, options: StreamOptions) {
  const channels = new Map<string, Channel>();
  const perIp = new Map<string, number>();
  let unsubscribeSales: (() => Promise<void>) | undefined;

  function channelOf(room: StreamRoom): Channel {
    const existing = channels.get(room.id);
    if (existing) {
      clearTimeout(existing.linger);
      return existing;
    }
    let stop: (() => Promise<void>) | undefined;
    let audience: { release(): void } | undefined;
    const channel: Channel = {
      room,
      log: new RoomLog(options.window),
      streams: new Set(),
      ready: Promise.resolve(),
      close: async () => {
        audience?.release();
        await stop?.();
      },
    };
    channel.ready = (async () => {
      stop = await deps.subscribeRoom(room.id, (event) => append(channel, event.type, JSON.stringify(event), false));
      const a = await deps.audience(room);
      audience = a;
      channel.counts = () => a.counts();
    })().catch((err: unknown) => {
      // Not subscribed: the next stream of the room tries afresh.
      channels.delete(room.id);
      void channel.close().catch(() => {});
      throw err;
    });
    channels.set(room.id, channel);
    return channel;
  }

  function append(channel: Channel, name: string, data: string, keyOnly: boolean): void {
    const entry = channel.log.append(name, data, keyOnly);
    for (const s of channel.streams) if (s.keyed || !entry.keyOnly) write(channel, s, sseEvent(entry.name, entry.data, entry.id));
  }

  function write(channel: Channel, s: Stream, chunk: string): void {
    if (s.res.destroyed) return;
    if (s.res.writableLength > options.maxBufferedBytes) {
      // A slow reader: closed now, it comes back with Last-Event-ID and resumes from the log.
      deps.log.warn({ room: channel.room.slug, buffered: s.res.writableLength }, 'event stream dropped: the client reads too slowly');
      s.res.destroy();
      return;
    }
    s.res.write(chunk);
  }

  function leave(channel: Channel, s: Stream): void {
    if (!channel.streams.delete(s)) return;
    const n = (perIp.get(s.ip) ?? 1) - 1;
    if (n > 0) perIp.set(s.ip, n);
    else perIp.delete(s.ip);
    if (channel.streams.size === 0) {
      channel.linger = setTimeout(() => {
        if (channel.streams.size > 0) return;
        channels.delete(channel.room.id);
        void channel.close().catch(() => {});
      }, options.lingerMs);
      channel.linger.unref();
    }
  }

  const audienceTimer = setInterval(() => {
    for (const channel of channels.values()) {
      if (channel.streams.size === 0 || !channel.counts) continue;
      const line = sseEvent('audience', JSON.stringify({ ...channel.counts(), at: new Date().toISOString() }));
      for (const s of channel.streams) write(channel, s, line);
    }
  }, options.audienceMs);
  audienceTimer.unref();
  const heartbeat = setInterval(() => {
    for (const channel of channels.values()) for (const s of channel.streams) write(channel, s, sseComment('ping'));
  }, options.heartbeatMs);
  heartbeat.unref();

  return {
    /** Hears every node's sales events (for the keyed streams of the rooms they happened in). */
    async start(): Promise<void> {
      unsubscribeSales = await deps.subscribeSales((e) => {
        if (!ORDER_EVENT.test(e.type) || !('roomId' in e.data) || !e.data.roomId) return;
        const channel = channels.get(e.data.roomId);
        if (channel) append(channel, e.type, JSON.stringify(e), true);
      });
    },

    /** Streams held against the per-address limit, all addresses together (for readiness checks and tests). */
    held(): number {
      let n = 0;
      for (const k of perIp.values()) n += k;
      return n;
    },

    /** Counts a stream against its IP's limit before anything is sent; false: over the limit. */
    admit(ip: string): boolean {
      const n = perIp.get(ip) ?? 0;
      if (n >= options.perIp) return false;
      perIp.set(ip, n + 1);
      return true;
    },
    /**
     * Starts an admitted stream on `res` (headers already sent): the resume (or a `hello` or `gap`),
     * then every event as it comes. Ends when the client goes or the server closes.
     */
    async open(room: StreamRoom, res: ServerResponse, o: { keyed: boolean; ip: string; lastEventId: string | undefined }): Promise<void> {
      const channel = channelOf(room);
      const s: Stream = { res, keyed: o.keyed, ip: o.ip };
      channel.streams.add(s);
      res.once('close', () => leave(channel, s));
      await channel.ready;
      if (res.destroyed) return;
      // From here to the end, nothing awaits: no event can slip between the resume and the live ones.
      res.write(sseRetry(3000));
      const resume = o.lastEventId === undefined ? undefined : channel.log.since(o.lastEventId);
      if (resume?.ok) {
        for (const e of resume.entries as LogEntry[]) if (o.keyed || !e.keyOnly) res.write(sseEvent(e.name, e.data, e.id));
      } else {
        const hello = { room: room.slug, keyed: o.keyed, window: options.window, ...(resume ? { gap: resume.reason } : {}) };
        res.write(sseEvent(resume ? 'gap' : 'hello', JSON.stringify(hello), channel.log.lastId));
      }
    },

    /** Ends every stream (before the HTTP server closes: they never end by themselves). */
    async close(): Promise<void> {
      clearInterval(audienceTimer);
      clearInterval(heartbeat);
      await unsubscribeSales?.();
      for (const channel of channels.values()) {
        clearTimeout(channel.linger);
        for (const s of channel.streams) s.res.end();
        await channel.close().catch(() => {});
      }
      channels.clear();
    },
  };
}

export type EventStreams = ReturnType<typeof createEventStreams>;
