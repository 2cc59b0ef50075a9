import type { ServerResponse } from 'node:http';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { NmsBroadcast, NmsSubscriber } from 'node-media-server/src/server/broadcast_server.js';
import type { Clock } from '../kernel/clock';
import { newId } from '../kernel/ids';
import type { IngestStatus } from '../contracts/media.schemas';
import type { Shows } from '../live';
import { startPackager, type Packager } from './hls-packager';
import { createPulledStream } from './pulled-stream';
import type { IngestStream } from './rtmp-ingest';

export interface MediaDeps {
  shows: Pick<Shows, 'goLive' | 'end' | 'setRecording'>;
  clock: Clock;
  dataDir: string;
  graceMs: number;
  /** The ffmpeg binary, or null when HLS packaging and recording are off. */
  ffmpeg: string | null;
  log: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };
  /** The grace period's timer (tests pass one they fire by hand); real timers by default. */
  timers?: GraceTimers;
}

export interface GraceTimers {
  start(fire: () => void, ms: number): unknown;
  cancel(handle: unknown): void;
}

export const realTimers: GraceTimers = {
  start: (fire, ms) => setTimeout(fire, ms),
  cancel: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** A room whose stream is (or, within the grace period, was just) coming in on this node. */
interface RoomLive {
  showId: string;
  stream: IngestStream | null;
  state: 'publishing' | 'reconnecting';
  packager: Packager | null;
  packagerFeed: NmsSubscriber | null;
  /** External mode: packagers started for this show (a resume after the pull ended starts another). */
  pulls: number;
  /** The show's recording from before (a show continued after this node restarted): never overwritten. */
  earlierRecording: string | null;
  endTimer: unknown;
  viewers: Set<ServerResponse>;
  rate: { bytes: number; at: number; kbps: number | null };
}

/** A slow viewer may fall this far behind (about 10 s of a 6 Mbit/s stream) before it is dropped. */
const MAX_VIEWER_BACKLOG = 8 * 1024 * 1024;

/**
 * Media: ties the ingest to the show lifecycle and to playback on this node.
 *
 * Per room, events are handled one at a time (a promise chain), so a publish, a stop and a
 * resume arriving together apply in order. A stop starts the grace timer; a publish within it
 * cancels the timer and the show continues; when it fires the show ends, the packager finishes
 * the recording and HTTP-FLV viewers are let go. Repeated starts and stops are no-ops.
 */
export function createMedia(deps: MediaDeps) {
  const timers = deps.timers ?? realTimers;
  const rooms = new Map<string, RoomLive>();
  const queues = new Map<string, Promise<unknown>>();
  const liveDir = (roomId: string) => join(deps.dataDir, 'media', 'live', roomId);
  const recordingDir = (name: string) => join(deps.dataDir, 'media', 'recordings', name);

  function serial<T>(roomId: string, task: () => Promise<T>): Promise<T> {
    const run = (queues.get(roomId) ?? Promise.resolve()).then(task, task);
    const settled = run.catch(() => {});
    queues.set(roomId, settled);
    void settled.then(() => queues.get(roomId) === settled && queues.delete(roomId));
    return run;
  }

  /** Subscribes the packager to `broadcast` (a resume with a rotated key comes on a new one). */
  function feedPackager(live: RoomLive, previous: NmsBroadcast | undefined, broadcast: NmsBroadcast): void {
    const packager = live.packager;
    if (!packager || live.packagerFeed?.streamPath === broadcast.streamPath) return;
    if (live.packagerFeed) previous?.donePlay(live.packagerFeed);
    live.packagerFeed = {
      id: `hls-${newId()}`,
      ip: '',
      protocol: 'flv',
      streamPath: broadcast.streamPath,
      sendBuffer: (b) => void packager.write(b),
    };
    broadcast.postPlay(live.packagerFeed);
  }

  async function startRecording(roomId: string, live: RoomLive): Promise<void> {
    if (!deps.ffmpeg) return;
    const name = live.earlierRecording ? `${live.showId}-${Date.now().toString(36)}` : live.showId;
    live.packager = await startPackager({
      ffmpeg: deps.ffmpeg,
      input: { kind: 'stdin' },
      liveDir: liveDir(roomId),
      recordingDir: recordingDir(name),
      log: deps.log,
    });
    await deps.shows.setRecording(live.showId, deps.clock.now(), name);
  }

  function roomLive(showId: string, stream: IngestStream | null, earlierRecording: string | null): RoomLive {
    const rate = { bytes: 0, at: Date.now(), kbps: null };
    return { showId, stream, state: 'publishing', packager: null, packagerFeed: null, pulls: 0, earlierRecording, endTimer: null, viewers: new Set(), rate };
  }

  /** The show ends after the grace period unless its stream comes back first. */
  function endLater(roomId: string, live: RoomLive): void {
    live.state = 'reconnecting';
    live.endTimer = timers.start(() => void serial(roomId, () => end(roomId)).catch((err: unknown) => deps.log.warn({ err }, 'ending a show failed')), deps.graceMs);
  }

  /** Creates the room's live state: its show goes live (or continues, if another node made it live). */
  async function open(roomId: string, stream: IngestStream | null): Promise<RoomLive> {
    const { show, recording } = await deps.shows.goLive(roomId);
    const live = roomLive(show.id, stream, recording);
    rooms.set(roomId, live);
    deps.log.info({ roomId, showId: show.id }, 'show is live');
    return live;
  }

  /** External mode: pull the stream from the media server into HLS, the recording and an FLV broadcast. */
  async function pull(roomId: string, live: RoomLive, url: string): Promise<void> {
    if (!deps.ffmpeg) return;
    const pulled = createPulledStream();
    const name = live.pulls === 0 && !live.earlierRecording ? live.showId : `${live.showId}-${live.pulls}-${Date.now().toString(36)}`;
    live.pulls += 1;
    const packager = await startPackager({
      ffmpeg: deps.ffmpeg,
      input: { kind: 'url', url },
      liveDir: liveDir(roomId),
      recordingDir: recordingDir(name),
      flvOut: (chunk) => pulled.feed(chunk),
      log: deps.log,
    });
    live.packager = packager;
    live.stream = pulled;
    // The first pull's recording is the replay; a later one (after a drop) is kept on disk only.
    await deps.shows.setRecording(live.showId, deps.clock.now(), name);
    void packager.exited.then(() => {
      pulled.end();
      if (live.packager === packager) live.packager = null;
    });
  }

  async function end(roomId: string): Promise<void> {
    const live = rooms.get(roomId);
    if (!live || live.state !== 'reconnecting') return;
    rooms.delete(roomId);
    if (live.packagerFeed) live.stream?.broadcast.donePlay(live.packagerFeed);
    for (const res of live.viewers) res.end();
    await live.packager?.stop();
    // The live playlist goes with the show (the recording stays): nothing stale is served later.
    if (live.packager || live.pulls > 0) await rm(liveDir(roomId), { recursive: true, force: true });
    await deps.shows.end(live.showId);
    deps.log.info({ roomId, showId: live.showId }, 'show ended');
  }

  return {
    /** The ingest accepted a publish for the room (first time, or a resume). */
    started: (roomId: string, stream: IngestStream) =>
      serial(roomId, async () => {
        let live = rooms.get(roomId);
        if (live?.endTimer) timers.cancel(live.endTimer);
        live ??= await open(roomId, stream);
        // A new show, or one adopted after a restart: nothing records it yet.
        if (!live.packager) await startRecording(roomId, live);
        const previous = live.stream?.broadcast;
        live.stream = stream;
        live.state = 'publishing';
        live.endTimer = null;
        live.rate = { bytes: stream.stats().inBytes, at: Date.now(), kbps: live.rate.kbps };
        feedPackager(live, previous, stream.broadcast);
      }),

    /**
     * External mode: the media server accepted a publish (its on_publish hook). `pullUrl` is where
     * the packager reads the stream from; a repeated hook while the pull runs changes nothing.
     * Answers the show the stream feeds.
     */
    startedExternal: (roomId: string, pullUrl: string) =>
      serial(roomId, async () => {
        let live = rooms.get(roomId);
        if (live?.endTimer) timers.cancel(live.endTimer);
        live ??= await open(roomId, null);
        live.state = 'publishing';
        live.endTimer = null;
        if (!live.packager) await pull(roomId, live, pullUrl);
        return live.showId;
      }),

    /**
     * After a crash, the shows this node left live (embedded ingest, one node: their encoders were
     * connected to it) wait for their encoder as if it had just dropped: back within the grace
     * period (OBS reconnects by itself) the show goes on, else it ends.
     */
    adopt: (orphans: readonly { roomId: string; showId: string; recording: string | null }[]) =>
      Promise.all(
        orphans.map(({ roomId, showId, recording }) =>
          serial(roomId, async () => {
            if (rooms.has(roomId)) return;
            const live = roomLive(showId, null, recording);
            rooms.set(roomId, live);
            endLater(roomId, live);
            deps.log.info({ roomId, showId }, 'show left live by a crash: waiting for its encoder');
          }),
        ),
      ),

    /**
     * A publisher went away: the show ends unless a stream comes back within the grace period.
     * Only the stream the show is following counts: when an encoder reconnects (or a rotated key
     * starts a new stream) before the old connection is noticed gone, the old one's stop arrives
     * after the new start and must not end the show under a live stream. Without `stream`
     * (external ingest, where the hook names only the room) any stop counts.
     */
    stopped: (roomId: string, stream?: IngestStream) =>
      serial(roomId, async () => {
        const live = rooms.get(roomId);
        if (!live || live.state === 'reconnecting') return;
        if (stream && live.stream && live.stream !== stream) return;
        endLater(roomId, live);
      }),

    /**
     * The show was ended by hand (on any node): if this node follows it, it ends here now — the
     * recording and live playlist close, viewers are let go — without waiting for the grace
     * period, so an encoder that reconnects afterwards opens a new show rather than resuming
     * an ended one.
     */
    endedByHost: (roomId: string, showId: string) =>
      serial(roomId, async () => {
        const live = rooms.get(roomId);
        if (!live || live.showId !== showId) return;
        if (live.endTimer) timers.cancel(live.endTimer);
        live.state = 'reconnecting';
        await end(roomId);
      }),

    /** Pipes the room's HTTP-FLV stream into `res`; false when nothing is live here. */
    attachFlv(roomId: string, res: ServerResponse): boolean {
      const live = rooms.get(roomId);
      const broadcast = live?.stream?.broadcast;
      if (!live || !broadcast || broadcast.getPublishStatus() === 'idle') return false;
      const viewer: NmsSubscriber = {
        id: `flv-${newId()}`,
        ip: '',
        protocol: 'flv',
        streamPath: broadcast.streamPath,
        sendBuffer(b) {
          if (res.writableEnded || res.destroyed) return;
          if (res.writableLength > MAX_VIEWER_BACKLOG) return void res.destroy();
          res.write(b);
        },
      };
      live.viewers.add(res);
      res.on('close', () => {
        live.viewers.delete(res);
        broadcast.donePlay(viewer);
      });
      broadcast.postPlay(viewer);
      return true;
    },

    /** Rooms whose stream is coming in on this node now. */
    liveRooms: (): string[] => [...rooms].filter(([, live]) => live.state === 'publishing' && live.stream).map(([roomId]) => roomId),

    /** The directory of the room's live HLS playlist, while the packager runs. */
    liveHlsDir: (roomId: string): string | null => (rooms.get(roomId)?.packager ? liveDir(roomId) : null),
    /** Where a room's live HLS is written, whichever process on this machine packages it. */
    liveDir,
    recordingDir,
    hlsEnabled: deps.ffmpeg !== null,

    ingestStatus(roomId: string): IngestStatus {
      const live = rooms.get(roomId);
      if (!live) return { state: 'offline', bitrateKbps: null, fps: null, width: null, height: null };
      if (!live.stream) return { state: live.state, bitrateKbps: null, fps: null, width: null, height: null };
      const s = live.stream.stats();
      const now = Date.now();
      // Bitrate over the time since the last look (at least a second, so a refresh storm reads sensibly).
      if (now - live.rate.at >= 1000) {
        live.rate = { bytes: s.inBytes, at: now, kbps: Math.round(((s.inBytes - live.rate.bytes) * 8) / (now - live.rate.at)) };
      }
      return { state: live.state, bitrateKbps: live.state === 'publishing' ? live.rate.kbps : 0, fps: s.fps, width: s.width, height: s.height };
    },

    /** Shutting down: every live show on this node ends now (its encoder is being cut off). */
    async close(): Promise<void> {
      await Promise.all(
        [...rooms.entries()].map(([roomId, live]) =>
          serial(roomId, async () => {
            if (live.endTimer) timers.cancel(live.endTimer);
            live.state = 'reconnecting';
            await end(roomId);
          }).catch((err: unknown) => deps.log.warn({ err }, 'ending a show at shutdown failed')),
        ),
      );
    },
  };
}

export type Media = ReturnType<typeof createMedia>;
