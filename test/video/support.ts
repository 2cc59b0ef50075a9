import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiClient } from '../support/http';
export { freePort } from '../support/net';
import type { TestServer } from '../support/server';

/**
 * Helpers of the video suites: ffmpeg as the encoder (OBS's stand-in), free ports, the demo room's key.
 * ffmpeg is looked up like the other services: absent, the suite skips — unless
 * HUTONG_TEST_REQUIRE_SERVICES=1, which makes that a failure.
 */
export function ffmpegPath(): string | undefined {
  const path = process.env.HUTONG_FFMPEG_BIN ?? 'ffmpeg';
  if (spawnSync(path, ['-version'], { stdio: 'ignore' }).status === 0) return path;
  if (process.env.HUTONG_TEST_REQUIRE_SERVICES === '1') throw new Error('ffmpeg is required (HUTONG_TEST_REQUIRE_SERVICES=1) but cannot run');
  console.warn("[skip] ffmpeg not installed: run 'npm run setup:system'");
  return undefined;
}

export const tempDataDir = (): string => mkdtempSync(join(tmpdir(), 'hutong-video-'));

/**
 * Publishes a test pattern (with a burnt-in clock, H.264 + AAC, 1 s keyframes: what docs/video.md
 * tells OBS users to set) to `url` until killed, or for `seconds`.
 */
export function publishTestPattern(
  ffmpeg: string,
  url: string,
  o: { seconds?: number; size?: string; rate?: number } = {},
): ChildProcess & { stderrText: () => string } {
  const rate = o.rate ?? 25;
  const args = [
    '-hide_banner', '-loglevel', 'error', '-re',
    '-f', 'lavfi', '-i', `testsrc2=size=${o.size ?? '640x360'}:rate=${rate}`,
    '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=44100',
    ...(o.seconds ? ['-t', String(o.seconds)] : []),
    '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-pix_fmt', 'yuv420p',
    '-g', String(rate), '-keyint_min', String(rate), '-sc_threshold', '0', '-b:v', '600k',
    '-c:a', 'aac', '-b:a', '64k',
    '-f', 'flv', url,
  ];
  const child = spawn(ffmpeg, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return Object.assign(child, { stderrText: () => stderr });
}

export const exitOf = (child: ChildProcess): Promise<number | null> =>
  child.exitCode !== null ? Promise.resolve(child.exitCode) : new Promise((resolve) => child.once('exit', (code) => resolve(code)));

/** Logged in as the demo shop's owner; returns the client, the shop and the demo room. */
export async function demoRoom(server: TestServer): Promise<{ api: ApiClient; shopId: string; roomId: string }> {
  const api = new ApiClient(server.url);
  await api.login(server.seed.ownerEmail, server.seed.ownerPassword);
  const shopId: string = (await api.get('/api/v1/me')).body.memberships[0].shop.id;
  const rooms = await api.get(`/api/v1/shops/${shopId}/rooms`);
  const room = rooms.body.rooms.find((r: { slug: string }) => r.slug === 'demo');
  return { api, shopId, roomId: room.id };
}

/** Polls `fn` until it returns a truthy value or `ms` pass. */
export async function until<T>(fn: () => Promise<T>, ms: number, what: string): Promise<NonNullable<T>> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
