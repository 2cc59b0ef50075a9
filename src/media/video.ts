import type { ServerResponse } from 'node:http';
import type { Clock } from '../kernel/clock';
import type { Bus } from '../platform/bus/bus.port';
import type { Db } from '../platform/db/db.port';
import type { IngestStatus } from '../contracts/media.schemas';
import type { Shows, StreamKeys } from '../live';
import { probeFfmpeg } from './hls-packager';
import { createMedia, realTimers, type GraceTimers, type Media } from './media.service';
import { createExternalPublishes } from './external-publishes';
import { startRtmpIngest, type RtmpIngest } from './rtmp-ingest';
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

/** Bus topic: "disconnect this room's encoder" (and end this show, if named), to every node. */
export const CUT_OFF_TOPIC = 'media.publisher.cutOff';
export type CutOff = {
  roomId: string;
  showId?: string;
};

export interface VideoDeps {
  /** External ingest keeps what publishes where in the database (external-publishes.ts). */
  db: Db;
  /** For the FLV relay between the processes of one machine, and cut-off orders between nodes. */
  bus?: Bus;
  /** The grace period's timers (tests pass ones they fire by hand). */
  timers?: GraceTimers;
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
export async function createVideo(options: VideoOptions, deps: VideoDeps) {
  const version = await probeFfmpeg(options.ffmpeg);
  if (!version)
    deps.log.warn(
      { ffmpeg: options.ffmpeg },
      options.ffmpeg === 'off'
        ? 'HLS and recording are off: HUTONG_FFMPEG=off (HTTP-FLV still plays)'
        : `HLS and recording are off: '${options.ffmpeg}' cannot run (install ffmpeg or set HUTONG_FFMPEG; HTTP-FLV still plays)`,
    );
  const media: Media = createMedia({
    shows: deps.shows,
    clock: deps.clock,
    dataDir: options.dataDir,
    graceMs: options.showEndGraceMs,
    ffmpeg: version ? options.ffmpeg : null,
    log: deps.log,
  });
  let ingest: RtmpIngest | null = null;
  let relay: FlvRelay | null = null;

  // A publisher is cut off on whichever node holds it: every node hears the order on the bus.
  const cutOffHere = async ({ roomId, showId }: CutOff): Promise<void> => {
    if (showId) await media.endedByHost(roomId, showId).catch((err: unknown) => deps.log.warn({ err }, 'ending a show by hand failed'));
    const cut = ingest?.cutOff(roomId) ?? 0;
    if (cut) deps.log.info({ roomId, publishers: cut }, 'publisher cut off');
  };
  const unsubscribe = deps.bus ? await deps.bus.subscribe(CUT_OFF_TOPIC, (m) => void cutOffHere(m as CutOff)) : null;
  const cutOff = async (order: CutOff): Promise<void> => {
    if (deps.bus) await deps.bus.publish(CUT_OFF_TOPIC, { ...order });
    else await cutOffHere(order);
  };
  const publishes = createExternalPublishes({
    db: deps.db,
    graceMs: options.showEndGraceMs,
    timers: deps.timers ?? realTimers,
    // The show ends on whichever node pulls its stream (its recording closes there). When that is
    // this node, the recording is closed before the show is seen ended (its replay is then whole);
    // the order to other nodes goes on the bus; live's own end is a no-op if that already ended it.
    endShow: async (roomId, showId) => {
      await media.endedByHost(roomId, showId);
      await cutOff({ roomId, showId });
      await deps.shows.end(showId);
    },
    log: deps.log,
  });

  return {
    media,
    /**
     * Cuts off the room's encoder wherever it publishes: after a key rotation (the old key's
     * publisher stops at once, as on every platform) and when the host ends the show (with its
     * id: the show and its recording end now; an encoder that reconnects opens a new show).
     */
    cutOff,
    /** External ingest's publish state, shared by every node (the hooks write it). */
    publishes,
    /** The room's ingest as every node sees it (external: from the database; embedded: the node holding the encoder). */
    ingestStatus: async (roomId: string): Promise<IngestStatus> =>
      options.ingest === 'external' ? publishes.status(roomId, media.ingestStatus(roomId)) : media.ingestStatus(roomId),
    /** Pipes the room's HTTP-FLV into `res`, from this process or (workers) the one holding the stream. */
    playFlv: (roomId: string, res: ServerResponse): boolean => media.attachFlv(roomId, res) || (relay?.relay(roomId, res) ?? false),
    /** Opens the embedded RTMP ingest (no-op in external mode); resolves with its port. */
    async listen(): Promise<number | null> {
      if (options.ingest !== 'embedded') {
        // A node that died while a stream's grace period ran left its show live: end it now.
        await publishes.sweep().catch((err: unknown) => deps.log.warn({ err }, 'ending shows whose external stream stopped failed'));
        return null;
      }
      ingest ??= await startRtmpIngest({
        host: options.host,
        port: options.rtmpPort,
        graceMs: options.showEndGraceMs,
        log: deps.log,
        authorize: async (app, name) => (app === 'live' ? deps.streamKeys.authenticate(name) : null),
        onPublish: (roomId, stream) =>
          void media.started(roomId, stream).then(
            () => relay?.announce(),
            (err: unknown) => deps.log.warn({ err }, 'going live failed'),
          ),
        onUnpublish: (roomId, stream) => void media.stopped(roomId, stream).catch((err: unknown) => deps.log.warn({ err }, 'stopping failed')),
      }).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'EADDRINUSE') throw err;
        throw new Error(
          `the RTMP port ${options.host}:${options.rtmpPort} is in use: set HUTONG_RTMP_PORT, or HUTONG_INGEST=external to use another media server`,
        );
      });
      if (options.soleNode) await media.adopt(await deps.shows.allLive());
      if (options.relayFlv && deps.bus) relay ??= await startFlvRelay({ bus: deps.bus, liveRooms: media.liveRooms, attachFlv: media.attachFlv });
      return ingest.port;
    },
    async close(): Promise<void> {
      await unsubscribe?.();
      await relay?.close();
      relay = null;
      await ingest?.close();
      ingest = null;
      await media.close();
    },
  };
}

export type Video = Awaited<ReturnType<typeof createVideo>>;
