import type { ServerResponse } from 'node:http';
import type { Clock } from '../kernel/clock';
import type { Bus } from '../platform/bus/bus.port';
import type { Shows, StreamKeys } from '../live';
import { probeFfmpeg } from './hls-packager';
import { createMedia, type Media } from './media.service';
import { startRtmpIngest } from './rtmp-ingest';
import { startFlvRelay, type FlvRelay } from './flv-relay';

export interface VideoOptions {
  ingest: 'embedded' | 'external';
  host: string;
  rtmpPort: number;
  showEndGraceMs: number;
  /** The configured ffmpeg binary, or 'off'. */
  ffmpeg: string;
  dataDir: string;
  /**
   * This is the only node (PGlite): a show still live when the ingest opens was left live by a
   * crash of this node, and waits for its encoder for the grace period (media.adopt).
   */
  soleNode?: boolean;
  /** Several server processes on this machine share the RTMP port: serve each other's HTTP-FLV (flv-relay.ts). */
  relayFlv?: boolean;
}

export interface VideoDeps {
  /** For the FLV relay between the processes of one machine. */
  bus?: Bus;
  shows: Shows;
  streamKeys: StreamKeys;
  clock: Clock;
  log: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };
}

/**
 * Live video on this node: the media service, and (embedded mode) the RTMP ingest, which
 * `listen()` starts — the app factory never opens the RTMP port by itself, so tests and the CLI
 * that only need the HTTP app leave it closed.
 */
export async function createVideo(o: VideoOptions, deps: VideoDeps) {
  const version = await probeFfmpeg(o.ffmpeg);
  if (!version)
    deps.log.warn(
      { ffmpeg: o.ffmpeg },
      o.ffmpeg === 'off'
        ? 'HLS and recording are off: HUTONG_FFMPEG=off (HTTP-FLV still plays)'
        : `HLS and recording are off: '${o.ffmpeg}' cannot run (install ffmpeg or set HUTONG_FFMPEG; HTTP-FLV still plays)`,
    );
  const media: Media = createMedia({
    shows: deps.shows,
    clock: deps.clock,
    dataDir: o.dataDir,
    graceMs: o.showEndGraceMs,
    ffmpeg: version ? o.ffmpeg : null,
    log: deps.log,
  });
  let ingest: { port: number; close(): Promise<void> } | null = null;
  let relay: FlvRelay | null = null;

  return {
    media,
    /** Pipes the room's HTTP-FLV into `res`, from this process or (workers) the one holding the stream. */
    playFlv: (roomId: string, res: ServerResponse): boolean => media.attachFlv(roomId, res) || (relay?.relay(roomId, res) ?? false),
    /** Opens the embedded RTMP ingest (no-op in external mode); resolves with its port. */
    async listen(): Promise<number | null> {
      if (o.ingest !== 'embedded') return null;
      ingest ??= await startRtmpIngest({
        host: o.host,
        port: o.rtmpPort,
        graceMs: o.showEndGraceMs,
        log: deps.log,
        authorize: async (app, name) => (app === 'live' ? deps.streamKeys.authenticate(name) : null),
        onPublish: (roomId, stream) =>
          void media.started(roomId, stream).then(
            () => relay?.announce(),
            (err: unknown) => deps.log.warn({ err }, 'going live failed'),
          ),
        onUnpublish: (roomId) => void media.stopped(roomId).catch((err: unknown) => deps.log.warn({ err }, 'stopping failed')),
      }).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'EADDRINUSE') throw err;
        throw new Error(
          `the RTMP port ${o.host}:${o.rtmpPort} is in use: set HUTONG_RTMP_PORT, or HUTONG_INGEST=external to use another media server`,
        );
      });
      if (o.soleNode) await media.adopt(await deps.shows.allLive());
      if (o.relayFlv && deps.bus) relay ??= await startFlvRelay({ bus: deps.bus, liveRooms: media.liveRooms, attachFlv: media.attachFlv });
      return ingest.port;
    },
    async close(): Promise<void> {
      await relay?.close();
      relay = null;
      await ingest?.close();
      ingest = null;
      await media.close();
    },
  };
}

export type Video = Awaited<ReturnType<typeof createVideo>>;
