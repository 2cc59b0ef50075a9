/**
 * `npm run bench:video` — glass-to-glass latency of live video, and CPU per live stream.
 *
 * hutong runs in this process (embedded ingest, PGlite in memory). A clock file holds the wall
 * clock (ms), rewritten every 2 ms; ffmpeg burns it into every frame with drawtext
 * (`textfile`, `reload=1`) while encoding a 720p30 test pattern (x264 veryfast zerolatency, 1 s
 * keyframes) and publishing it over RTMP. Headless Chromium plays the room page over HTTP-FLV and
 * then HLS, reads the burnt clock back from each presented frame (template matching against the
 * same font rendered by ffmpeg) and subtracts it from the presentation time: glass-to-glass.
 * Then, with no viewer, the CPU of hutong (this process) and its packager ffmpeg per stream.
 *
 * Baseline: the design targets (DESIGN.md §6): ≤ 1.5 s FLV, ≤ 3 s HLS, ≤ 5 % of a core per stream.
 * BENCH_SECONDS (default 12) sets each measuring window. Ports: `--port N` / `--rtmp-port N`, else
 * HUTONG_PORT / HUTONG_RTMP_PORT, else free ones (so it can sit beside a running hutong or behind a
 * firewall that opens only known ports). Not a test: prints figures only.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { loadConfig } from '../../src/app/config';
import { createHutong } from '../../src/app/hutong';
import { seedDemo } from '../../src/app/seed-demo';
import { buildWeb } from '../../src/app/web-build';
import { openPglite } from '../../src/platform/db/db.pglite';
import { migrate } from '../../src/platform/db/migrate';
import { freePort } from '../../test/video/support';
import { readBurntClock } from './clock-reader';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 12);

/** `--name N` on the command line, else the variable, else undefined. */
function portSetting(flag: string, variable: string): number | undefined {
  const at = process.argv.indexOf(flag);
  const raw = at >= 0 ? process.argv[at + 1] : process.env[variable];
  if (raw === undefined || raw === '') return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${at >= 0 ? flag : variable}: not a port: ${raw}`);
  return port;
}
const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf';
const DIGITS = 8;
const draw = (text: string) =>
  `drawtext=fontfile=${FONT}:${text}:fontsize=56:fontcolor=white:box=1:boxcolor=black:boxborderw=12:x=24:y=24`;

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};

/** CPU seconds (user + system) of a process, from /proc. */
function cpuSecondsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks (100/s)
}

function childrenOf(pid: number): { pid: number; cmd: string }[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .flatMap((d) => {
      try {
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        return ppid === pid ? [{ pid: Number(d), cmd: readFileSync(`/proc/${d}/cmdline`, 'utf8').replace(/\0/g, ' ') }] : [];
      } catch {
        return [];
      }
    });
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hutong-bench-video-'));
  const rtmpPort = portSetting('--rtmp-port', 'HUTONG_RTMP_PORT') ?? (await freePort());
  const httpPort = portSetting('--port', 'HUTONG_PORT') ?? 0;
  const webDir = join(dir, 'web');
  await buildWeb({ force: true, outDir: webDir });
  const db = await openPglite({ dataDir: 'memory' });
  await migrate(db);
  const config = loadConfig({ HUTONG_LOG_LEVEL: 'warn', HUTONG_DATA_DIR: dir, HUTONG_RTMP_PORT: String(rtmpPort), HUTONG_SHOW_END_GRACE_SECONDS: '2' });
  const hutong = await createHutong(config, { db, webDistDir: webDir });
  await seedDemo(hutong);
  const url = await hutong.http.listen({ port: httpPort, host: '127.0.0.1' });
  await hutong.video.listen();
  const room = await hutong.rooms.bySlug('demo');
  const { streamKey } = await hutong.streamKeys.reveal(room.id);

  // The wall clock, for drawtext to burn in (atomic rename: drawtext must never read half a file).
  const clockFile = join(dir, 'clock.txt');
  const writeClock = () => {
    writeFileSync(`${clockFile}.tmp`, String(Date.now() % 10 ** DIGITS).padStart(DIGITS, '0'));
    renameSync(`${clockFile}.tmp`, clockFile);
  };
  writeClock();
  let clockTimer: NodeJS.Timeout | undefined = setInterval(writeClock, 2);

  // The digits as ffmpeg draws them, for the page to match against.
  const tplPath = join(dir, 'digits.png');
  spawnSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'color=black:s=1280x720',
    '-vf', draw("text='0123456789'"), '-frames:v', '1', tplPath]);
  const templates = `data:image/png;base64,${readFileSync(tplPath).toString('base64')}`;

  const encoder = spawn('ffmpeg', [
    '-hide_banner', '-loglevel', 'error', '-re',
    '-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=30',
    '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=44100',
    '-vf', draw(`textfile=${clockFile}:reload=1`),
    '-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'zerolatency', '-pix_fmt', 'yuv420p',
    '-g', '30', '-keyint_min', '30', '-sc_threshold', '0', '-b:v', '2500k', '-maxrate', '2500k', '-bufsize', '2500k',
    '-c:a', 'aac', '-b:a', '128k', '-f', 'flv', `rtmp://127.0.0.1:${rtmpPort}/live/${streamKey}`,
  ], { stdio: 'ignore' });

  const results: Record<string, { median: number; p90: number; n: number; unreadable: number }> = {};
  const browser = await chromium.launch({
    executablePath: process.env.HUTONG_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--autoplay-policy=no-user-gesture-required', '--disable-background-networking'],
  });
  try {
    for (const engine of ['flv', 'hls'] as const) {
      const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
      await page.addInitScript(() => {
        // tsx names functions with a helper the page does not have.
        (globalThis as unknown as { __name: (f: unknown) => unknown }).__name = (f) => f;
      });
      await page.goto(`${url}/live/demo?player=${engine}`);
      await page.waitForFunction(() => {
        const v = document.querySelector<HTMLVideoElement>('.player-video');
        return v !== null && v.currentTime > 1;
      }, null, { timeout: 30_000 });
      // Let the player settle (latency chasing, buffer) before measuring.
      await page.waitForTimeout(3000);
      const r = await page.evaluate(readBurntClock, { templates, digits: DIGITS, seconds: SECONDS });
      results[engine] = { median: quantile(r.latencies, 0.5), p90: quantile(r.latencies, 0.9), n: r.latencies.length, unreadable: r.unreadable };
      await page.close();
    }
  } finally {
    await browser.close();
  }

  // CPU per live stream, without viewers: hutong (this process) + its packager ffmpeg.
  clearInterval(clockTimer);
  clockTimer = undefined;
  const packagers = childrenOf(process.pid).filter((c) => c.cmd.includes('pipe:0'));
  const self0 = process.cpuUsage();
  const pk0 = packagers.reduce((s, p) => s + cpuSecondsOf(p.pid), 0);
  const enc0 = cpuSecondsOf(encoder.pid!);
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  const wall = (performance.now() - t0) / 1000;
  const self = process.cpuUsage(self0);
  const hutongCpu = (self.user + self.system) / 1e6 / wall;
  const packagerCpu = (packagers.reduce((s, p) => s + cpuSecondsOf(p.pid), 0) - pk0) / wall;
  const encoderCpu = (cpuSecondsOf(encoder.pid!) - enc0) / wall;

  encoder.kill('SIGINT');
  await new Promise((r) => encoder.once('exit', r));
  await hutong.close();

  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const lines = [
    '',
    `bench:video — ${new Date().toISOString()} — ${cpus().length} × ${cpus()[0]?.model ?? '?'}, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}, node ${process.version}`,
    `stream: 1280x720 30 fps x264 veryfast zerolatency, 1 s keyframes, 2.5 Mbit/s; window ${SECONDS} s per figure`,
    '',
    '| measure | median | p90 | frames read | target | median ÷ target |',
    '|---|---|---|---|---|---|',
    ...(['flv', 'hls'] as const).map((e) => {
      const r = results[e]!;
      const target = e === 'flv' ? 1500 : 3000;
      return `| glass-to-glass, ${e === 'flv' ? 'HTTP-FLV (mpegts.js)' : 'HLS (hls.js)'} | ${s(r.median)} | ${s(r.p90)} | ${r.n} (${r.unreadable} unreadable) | ≤ ${s(target)} | ${(r.median / target).toFixed(2)} |`;
    }),
    `| CPU per live stream, no viewer: hutong process | ${pct(hutongCpu)} | | | | |`,
    `| CPU per live stream, no viewer: packager ffmpeg (-c copy) | ${pct(packagerCpu)} | | | | |`,
    `| CPU per live stream, no viewer: hutong + packager | ${pct(hutongCpu + packagerCpu)} | | | ≤ 5 % | ${((hutongCpu + packagerCpu) / 0.05).toFixed(2)} |`,
    `| (the encoder, for scale: ffmpeg x264 720p30) | ${pct(encoderCpu)} | | | | |`,
    '',
  ];
  console.log(lines.join('\n'));
  process.exit(0);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
