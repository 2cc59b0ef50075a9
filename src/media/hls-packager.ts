import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * ffmpeg `-c copy` (no re-encoding): one input, two HLS outputs in fMP4.
 * - live: 1 s segments (cut at keyframes: a 1 s keyframe interval makes them 1 s), a short
 *   sliding playlist, old segments deleted;
 * - recording: 4 s segments, an EVENT playlist that keeps every segment; ffmpeg ends it with
 *   #EXT-X-ENDLIST when its input ends, which turns it into the replay's VOD playlist.
 * The input is FLV on stdin (the embedded ingest writes into it) or an RTMP URL (external mode).
 */
export interface PackagerJob {
  ffmpeg: string;
  input: { kind: 'stdin' } | { kind: 'url'; url: string };
  liveDir: string;
  recordingDir: string;
  /** Also write the stream out as FLV (external mode: HTTP-FLV viewers are fed from it). */
  flvOut?: (chunk: Buffer) => void;
  log: { warn(obj: object, msg: string): void };
}

export interface Packager {
  /** FLV bytes for stdin input; false when ffmpeg is gone. */
  write(chunk: Buffer): boolean;
  /** Ends the input and waits for ffmpeg to finish the playlists. */
  stop(): Promise<void>;
  readonly exited: Promise<number | null>;
}

const hlsArgs = (dir: string, options: { time: number; live: boolean }) => [
  '-map', '0:v?', '-map', '0:a?', '-c', 'copy',
  '-f', 'hls',
  '-hls_time', String(options.time),
  '-hls_segment_type', 'fmp4',
  '-hls_fmp4_init_filename', 'init.mp4',
  '-hls_segment_filename', join(dir, 'seg-%05d.m4s'),
  ...(options.live
    ? ['-hls_list_size', '6', '-hls_flags', 'delete_segments+independent_segments+omit_endlist']
    : ['-hls_list_size', '0', '-hls_playlist_type', 'event', '-hls_flags', 'independent_segments']),
  join(dir, 'index.m3u8'),
];

export async function startPackager(job: PackagerJob): Promise<Packager> {
  await rm(job.liveDir, { recursive: true, force: true });
  await mkdir(job.liveDir, { recursive: true });
  await mkdir(job.recordingDir, { recursive: true });
  // A pulled stream whose publisher left may just go quiet (nginx-rtmp keeps players waiting):
  // a read timeout turns that into the end of input, so the recording gets finished.
  const input = job.input.kind === 'stdin' ? ['-f', 'flv', '-i', 'pipe:0'] : ['-rw_timeout', '3000000', '-i', job.input.url];
  const child: ChildProcess = spawn(
    job.ffmpeg,
    ['-hide_banner', '-loglevel', 'error', '-nostdin', '-fflags', '+genpts', ...input,
      ...hlsArgs(job.liveDir, { time: 1, live: true }), ...hlsArgs(job.recordingDir, { time: 4, live: false }),
      ...(job.flvOut ? ['-map', '0:v?', '-map', '0:a?', '-c', 'copy', '-f', 'flv', '-flvflags', 'no_duration_filesize', 'pipe:1'] : [])],
    { stdio: [job.input.kind === 'stdin' ? 'pipe' : 'ignore', job.flvOut ? 'pipe' : 'ignore', 'pipe'] },
  );
  if (job.flvOut) child.stdout?.on('data', job.flvOut);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    // ffmpeg names its input, and a pulled URL ends in the stream key: never let it reach a log.
    stderr = (stderr + chunk.toString().replace(/[A-Za-z0-9_-]{20,}/g, '[redacted]')).slice(-2000);
  });
  child.stdin?.on('error', () => {}); // ffmpeg exiting first is reported through `exited`
  const exited = new Promise<number | null>((resolve) => {
    child.on('error', (err) => {
      job.log.warn({ err }, 'hls packager: ffmpeg failed to start');
      resolve(null);
    });
    child.on('exit', (code, signal) => {
      if (code !== 0 && signal !== 'SIGTERM') job.log.warn({ code, signal, stderr }, 'hls packager: ffmpeg exited');
      resolve(code);
    });
  });
  let stopping = false;
  return {
    exited,
    write(chunk) {
      if (stopping || !child.stdin || child.stdin.destroyed) return false;
      // The stream outruns a stuck ffmpeg only by a few seconds of video before we drop it.
      if (child.stdin.writableLength > 16 * 1024 * 1024) {
        job.log.warn({}, 'hls packager: ffmpeg is not keeping up; stopping it');
        child.kill('SIGTERM');
        return false;
      }
      child.stdin.write(chunk);
      return true;
    },
    async stop() {
      stopping = true;
      const timers: NodeJS.Timeout[] = [];
      if (child.stdin) child.stdin.end();
      // URL input: one SIGINT ends ffmpeg gracefully (trailers, #EXT-X-ENDLIST) at the next packet;
      // with no packets coming, the input's read timeout ends it the same way. (A second SIGINT
      // would interrupt the blocked read but also the trailer writes: empty playlists.)
      else child.kill('SIGINT');
      timers.push(setTimeout(() => child.kill('SIGKILL'), 10_000));
      await exited;
      timers.forEach(clearTimeout);
    },
  };
}

/** The ffmpeg version line, or null when `ffmpeg` cannot run. */
export function probeFfmpeg(ffmpeg: string): Promise<string | null> {
  if (ffmpeg === 'off') return Promise.resolve(null);
  return new Promise((resolve) => {
    const child = spawn(ffmpeg, ['-hide_banner', '-version'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', () => resolve(null));
    child.on('exit', (code) => resolve(code === 0 ? (out.split('\n')[0] ?? 'ffmpeg') : null));
  });
}
