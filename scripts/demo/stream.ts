/**
 * The vertical test stream, published the way a host's OBS would: log in as the demo owner, read
 * the demo room's RTMP URL and stream key, push a 720×1280 (9:16, as live commerce is shot) ffmpeg
 * test pattern with a burnt-in clock and a beep. Used by `npm run demo:stream` and `npm run demo`.
 *
 * The stream key ends up on ffmpeg's command line (visible to `ps` on this machine): this is a
 * development tool for the demo shop, not a way to stream for real. ffmpeg's own messages (its
 * error line on a stop names the URL) pass through `redact` before they reach the terminal.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { redact } from '../redact';
import type { DemoClient } from './http';

const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf';

export interface DemoRoom {
  shopId: string;
  roomId: string;
}

/** The demo shop and its room `demo`, as the logged-in owner or host sees them. */
export async function findDemoRoom(member: DemoClient): Promise<DemoRoom> {
  const me = await member.get<{ memberships: { shop: { id: string; slug: string } }[] }>('/api/v1/me');
  const shop = me.memberships.find((m) => m.shop.slug === 'demo')?.shop ?? me.memberships[0]?.shop;
  if (!shop) throw new Error('this account belongs to no shop (the demo shop is seeded with HUTONG_SEED_DEMO=true)');
  const { rooms } = await member.get<{ rooms: { id: string; slug: string }[] }>(`/api/v1/shops/${shop.id}/rooms`);
  const room = rooms.find((r) => r.slug === 'demo');
  if (!room) throw new Error('the demo shop has no room "demo"');
  return { shopId: shop.id, roomId: room.id };
}

/** Whether ffmpeg can be run at all (it is a system package, not an npm one). */
export function ffmpegAvailable(ffmpeg: string): boolean {
  return spawnSync(ffmpeg, ['-version'], { stdio: 'ignore' }).status === 0;
}

export const ffmpegMissing = (ffmpeg: string) =>
  `cannot run ffmpeg ("${ffmpeg}"): install it with 'npm run setup:system' (scripts/setup-system.sh; on Debian/Ubuntu 'sudo apt-get install ffmpeg')`;

/** ffmpeg's arguments: the test pattern, encoded as OBS would (H.264 + AAC, 1 s keyframes), to `url`. */
function testPatternArgs(url: string): string[] {
  const clock = `drawtext=fontfile=${FONT}:text='%{localtime\\:%H\\\\\\:%M\\\\\\:%S}  frame %{n}':fontsize=44:fontcolor=white:box=1:boxcolor=black@0.6:boxborderw=10:x=(w-tw)/2:y=h*0.2`;
  return [
    '-hide_banner', '-loglevel', 'warning', '-re',
    '-f', 'lavfi', '-i', 'testsrc2=size=720x1280:rate=30',
    '-f', 'lavfi', '-i', 'sine=frequency=440:beep_factor=4:sample_rate=44100',
    '-vf', clock,
    '-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'zerolatency', '-pix_fmt', 'yuv420p',
    '-g', '30', '-keyint_min', '30', '-sc_threshold', '0', '-b:v', '2500k', '-maxrate', '2500k', '-bufsize', '2500k',
    '-c:a', 'aac', '-b:a', '128k', '-ar', '44100',
    '-f', 'flv', url,
  ];
}

/**
 * Starts ffmpeg publishing the test pattern into the demo room, as its owner (who may read the
 * stream key). ffmpeg's messages go to `log`, the key masked. SIGINT stops it (the show ends after
 * the grace period).
 */
export async function publishTestStream(owner: DemoClient, room: DemoRoom, ffmpeg: string, log: (line: string) => void): Promise<{ child: ChildProcess; rtmpUrl: string }> {
  const key = await owner.get<{ rtmpUrl: string; streamKey: string }>(`/api/v1/shops/${room.shopId}/rooms/${room.roomId}/stream-key`);
  const child = spawn(ffmpeg, testPatternArgs(`${key.rtmpUrl}/${key.streamKey}`), { stdio: ['ignore', 'inherit', 'pipe'] });
  createInterface({ input: child.stderr! }).on('line', (line) => log(redact(line, key.streamKey)));
  return { child, rtmpUrl: key.rtmpUrl };
}
