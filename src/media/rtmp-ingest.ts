import { createServer, type Server, type Socket } from 'node:net';
import RtmpSession from 'node-media-server/src/session/rtmp_session.js';
import Context from 'node-media-server/src/core/context.js';
import nmsLogger from 'node-media-server/src/core/logger.js';
import type { NmsBroadcast } from 'node-media-server/src/server/broadcast_server.js';

/**
 * The embedded RTMP ingest: node-media-server's RTMP protocol and per-stream broadcast (GOP cache,
 * subscribers), on a TCP listener of our own. NodeMediaServer itself is never constructed, so its
 * HTTP server, admin page, JSON store and forced debug logging never start.
 *
 * Authentication happens inside RTMP's `publish` command, before the server answers
 * `NetStream.Publish.Start`: encoders (OBS, ffmpeg) send no media before that answer, and the
 * socket is paused while the key is checked, so a refused publish never reaches a broadcast and
 * no player ever receives a byte of it. (Rejecting later, in NMS's `prePublish` event, leaks the
 * first packets to players.) Playing over RTMP is refused: viewers play HTTP-FLV or HLS.
 *
 * node-media-server keeps its state in module singletons: one ingest per process.
 */
export interface RtmpIngestOptions {
  host: string;
  port: number;
  /** Decides a publish of `live/NAME`: the room it publishes to, or null to refuse. */
  authorize: (app: string, name: string) => Promise<string | null>;
  /** How long NMS keeps a dropped stream for a resume (the show's grace period). */
  graceMs: number;
  onPublish: (roomId: string, stream: IngestStream) => void;
  onUnpublish: (roomId: string, stream: IngestStream) => void;
  log: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };
}

/** One accepted publish, as the media service sees it. */
export interface IngestStream {
  broadcast: NmsBroadcast;
  stats(): { inBytes: number; fps: number | null; width: number | null; height: number | null };
}

/** NMS log lines name stream paths, which hold stream keys: keep only warnings and errors, keys masked. */
function quietNmsLogger(log: RtmpIngestOptions['log']): void {
  nmsLogger.level = 'warn';
  nmsLogger.log = (message: string, level = 'info') => {
    if (level !== 'warn' && level !== 'error') return;
    log.warn({ nms: String(message).replace(/[A-Za-z0-9_-]{20,}/g, '[redacted]') }, 'node-media-server');
  };
}

export interface RtmpIngest {
  port: number;
  /** Disconnects every encoder publishing to the room on this node (a rotated key, a show ended by hand). */
  cutOff(roomId: string): number;
  close(): Promise<void>;
}

export async function startRtmpIngest(options: RtmpIngestOptions): Promise<RtmpIngest> {
  quietNmsLogger(options.log);
  Context.config = {}; // no NMS auth, relay or recording: hutong does those
  const sockets = new Set<Socket>();
  const publishers = new Map<string, Set<Socket>>();

  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    const session = new RtmpSession(socket);
    const rtmp = session.rtmp;
    let roomId: string | null = null;

    // Replaces NMS's publish handling (same steps, same order) with the key check in front.
    rtmp.onPublish = (invokeMessage) => {
      const [name = '', query = ''] = String(invokeMessage.streamName).split('?');
      const streamId = rtmp.parserPacket.header.stream_id;
      socket.pause();
      options.authorize(rtmp.streamApp, name).then(
        (room) => {
          if (!room || socket.destroyed) {
            options.log.info({ app: rtmp.streamApp }, 'rtmp publish refused: not a current stream key');
            socket.destroy();
            return;
          }
          rtmp.streamName = name;
          rtmp.streamQuery = Object.fromEntries(new URLSearchParams(query));
          rtmp.streamId = streamId;
          rtmp.respondPublish();
          rtmp.onConnectCallback({ app: rtmp.streamApp, name, host: rtmp.streamHost, query: rtmp.streamQuery });
          session.broadcast.publishGraceMs = options.graceMs;
          rtmp.onPushCallback();
          if (!session.isPublisher) return; // NMS refused: the stream already has a publisher
          roomId = room;
          const mine = publishers.get(room) ?? new Set<Socket>();
          publishers.set(room, mine.add(socket));
          options.onPublish(room, stream);
          socket.resume();
        },
        (err: unknown) => {
          options.log.warn({ err }, 'rtmp publish: key check failed');
          socket.destroy();
        },
      );
    };
    (rtmp as unknown as { onPlay: () => void }).onPlay = () => socket.destroy();

    const stream: IngestStream = {
      get broadcast() {
        return session.broadcast;
      },
      stats: () => ({
        inBytes: session.inBytes,
        fps: session.videoFramerate || null,
        width: session.videoWidth || null,
        height: session.videoHeight || null,
      }),
    };
    socket.on('close', () => {
      if (!roomId) return;
      const mine = publishers.get(roomId);
      mine?.delete(socket);
      if (mine?.size === 0) publishers.delete(roomId);
      options.onUnpublish(roomId, stream);
    });
    socket.setTimeout(60_000, () => socket.destroy());
    session.run();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : options.port,
    cutOff(roomId) {
      const mine = [...(publishers.get(roomId) ?? [])];
      for (const s of mine) s.destroy();
      return mine.length;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
