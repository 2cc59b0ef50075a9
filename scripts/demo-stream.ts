/**
 * `npm run demo:stream`: publishes an ffmpeg test pattern with a burnt-in clock into the demo room
 * of the hutong that runs with the same configuration (HUTONG_* variables), the way a host's OBS
 * would: log in as the demo owner, read the room's RTMP URL and stream key, push. /live/demo plays
 * within seconds. Ctrl-C stops the stream; the show ends after the grace period.
 *
 * The stream key ends up on ffmpeg's command line (visible to `ps` on this machine): this is a
 * development tool for the demo shop, not a way to stream for real.
 */
import { spawn } from 'node:child_process';
import { loadConfig } from '../src/app/config';
import { demoAccounts } from '../src/app/seed-demo';

const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf';

async function main(): Promise<void> {
  const config = loadConfig();
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const base = process.env.HUTONG_DEMO_URL ?? `http://${host.includes(':') ? `[${host}]` : host}:${config.port}`;
  const call = async (path: string, init: RequestInit & { cookie?: string } = {}) => {
    const res = await fetch(base + path, {
      ...init,
      headers: { 'content-type': 'application/json', ...(init.cookie ? { cookie: init.cookie } : {}) },
    }).catch(() => {
      throw new Error(`hutong is not answering at ${base}: start it with 'npm start' (same HUTONG_* settings)`);
    });
    if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: HTTP ${res.status} ${await res.text()}`);
    return res;
  };

  const login = await call('/api/v1/auth/login', {
    method: 'POST',
    body: JSON.stringify({ email: demoAccounts.owner.email, password: demoAccounts.password }),
  }).catch((err: Error) => {
    throw new Error(`${err.message}\n(demo:stream needs the demo shop: HUTONG_SEED_DEMO=true)`);
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const me = (await (await call('/api/v1/me', { cookie })).json()) as { memberships: { shop: { id: string; slug: string } }[] };
  const shop = me.memberships.find((m) => m.shop.slug === 'demo')?.shop ?? me.memberships[0]!.shop;
  const { rooms } = (await (await call(`/api/v1/shops/${shop.id}/rooms`, { cookie })).json()) as { rooms: { id: string; slug: string }[] };
  const room = rooms.find((r) => r.slug === 'demo');
  if (!room) throw new Error('the demo shop has no room "demo"');
  const key = (await (await call(`/api/v1/shops/${shop.id}/rooms/${room.id}/stream-key`, { cookie })).json()) as { rtmpUrl: string; streamKey: string };

  const clock = `drawtext=fontfile=${FONT}:text='%{localtime\\:%H\\\\\\:%M\\\\\\:%S}  frame %{n}':fontsize=40:fontcolor=white:box=1:boxcolor=black@0.6:boxborderw=10:x=(w-tw)/2:y=h-th-60`;
  const args = [
    '-hide_banner', '-loglevel', 'warning', '-re',
    '-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=30',
    '-f', 'lavfi', '-i', 'sine=frequency=440:beep_factor=4:sample_rate=44100',
    '-vf', clock,
    '-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'zerolatency', '-pix_fmt', 'yuv420p',
    '-g', '30', '-keyint_min', '30', '-sc_threshold', '0', '-b:v', '2500k', '-maxrate', '2500k', '-bufsize', '2500k',
    '-c:a', 'aac', '-b:a', '128k', '-ar', '44100',
    '-f', 'flv', `${key.rtmpUrl}/${key.streamKey}`,
  ];
  console.log(`demo:stream → ${key.rtmpUrl}/<demo room's key>\nwatch at ${base}/live/demo  (Ctrl-C to stop)`);
  const ffmpeg = spawn(process.env.HUTONG_FFMPEG ?? 'ffmpeg', args, { stdio: ['ignore', 'inherit', 'inherit'] });
  ffmpeg.on('error', (err) => {
    console.error(`cannot run ffmpeg (${err.message}): install it with 'npm run setup:system'`);
    process.exit(1);
  });
  process.on('SIGINT', () => ffmpeg.kill('SIGINT'));
  process.on('SIGTERM', () => ffmpeg.kill('SIGINT'));
  ffmpeg.on('exit', (code) => process.exit(code ?? 0));
}

main().catch((err: unknown) => {
  console.error(`demo:stream: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
