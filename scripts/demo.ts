/**
 * `npm run demo`: a whole live show from one command. Starts hutong on the embedded defaults (as
 * `npm start` does), publishes the vertical test stream into the demo room with ffmpeg over RTMP,
 * and runs an audience of simulated viewers and buyers while the host runs flash sales — so the
 * viewer page, the host console and its dashboard are alive within a minute. Prints the URLs and
 * logins; Ctrl-C (SIGINT) or SIGTERM stops everything it started. docs/demo.md says what runs.
 *
 *   --viewers N    anonymous viewers (default 300)
 *   --buyers N     registered buyers who buy in the flash sales (default: viewers / 15, 4–30)
 *   --no-video     no ffmpeg: the audience without a show (hutong counts a show's numbers only while it is live)
 *
 * hutong's own settings (HUTONG_PORT, HUTONG_DATA_DIR, …) apply as for `npm start`.
 *
 * Run with `node --import tsx`, not the tsx command: tsx's command relays a signal to its child and
 * kills it outright if the child has not said it got the signal within 30 ms — on a busy machine
 * that cut the demo's own stop short.
 */
import type { ChildProcess } from 'node:child_process';
import { parseArgs } from 'node:util';
import { loadConfig, ConfigError } from '../src/app/config';
import { demoAccounts } from '../src/app/seed-demo';
import { DemoClient } from './demo/http';
import { startHutong, type DemoServer } from './demo/server';
import { ffmpegAvailable, ffmpegMissing, findDemoRoom, publishTestStream } from './demo/stream';
import { startAudience, type Audience } from './demo/audience';
import { startBuyers, type Buyers } from './demo/buyers';
import { startHost, type Host } from './demo/host';

const say = (line: string) => console.log(line);
const clock = () => new Date().toTimeString().slice(0, 8);

function options() {
  const { values } = parseArgs({
    options: {
      viewers: { type: 'string', default: '300' },
      buyers: { type: 'string' },
      'no-video': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    say('npm run demo -- [--viewers N] [--buyers N] [--no-video]   (docs/demo.md)');
    process.exit(0);
  }
  const viewers = Number(values.viewers);
  if (!Number.isInteger(viewers) || viewers < 0 || viewers > 5_000) throw new Error('--viewers takes a whole number from 0 to 5000');
  const buyers = values.buyers === undefined ? Math.min(30, Math.max(4, Math.round(viewers / 15))) : Number(values.buyers);
  if (!Number.isInteger(buyers) || buyers < 0 || buyers > 90) throw new Error('--buyers takes a whole number from 0 to 90 (sign-ups are limited per address)');
  return { viewers, buyers, video: !values['no-video'] };
}

async function main(): Promise<void> {
  const opts = options();
  const config = loadConfig();
  const listenHost = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const base = `http://${listenHost.includes(':') ? `[${listenHost}]` : listenHost}:${config.port}`;
  const u = config.publicUrl;
  const ffmpegBin = config.video.ffmpeg;
  let video = opts.video && config.video.ingest === 'embedded';
  if (video && !ffmpegAvailable(ffmpegBin)) {
    say(`demo: ${ffmpegMissing(ffmpegBin)}\ndemo: going on without video: the audience still comes, but no show goes live (its numbers count only while one is).`);
    video = false;
  }

  // Everything this process starts, so that a stop stops all of it.
  const children: ChildProcess[] = [];
  let audience: Audience | undefined;
  let buyers: Buyers | undefined;
  let host: Host | undefined;
  let statusTimer: NodeJS.Timeout | undefined;
  let server: DemoServer | undefined;
  let ffmpeg: ChildProcess | undefined;
  let stopping = false;

  const stop = async (why: string, code: number) => {
    if (stopping) {
      for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL'); // a second Ctrl-C: now
      return;
    }
    stopping = true;
    clearInterval(statusTimer);
    say(`\ndemo: ${why}; stopping the audience, the stream and hutong…`);
    host?.stop();
    buyers?.stop();
    audience?.stop();
    // ffmpeg first (the show ends as when a host stops OBS), then hutong, each given time to close.
    for (const [child, signal] of [[ffmpeg, 'SIGINT'], [server?.child, 'SIGTERM']] as const) {
      if (!child || child.exitCode !== null || child.signalCode !== null) continue;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill(signal);
      const t = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await gone;
      clearTimeout(t);
    }
    say('demo: stopped.');
    process.exit(code);
  };
  stopAll = stop;
  process.on('SIGINT', () => void stop('Ctrl-C', 0));
  process.on('SIGTERM', () => void stop('SIGTERM', 0));
  // A bug in a simulator must not leave hutong and ffmpeg running without us.
  process.on('uncaughtException', (err) => {
    console.error(`demo: ${err.stack ?? err.message}`);
    void stop('an unexpected error', 1);
  });

  say(`demo: starting hutong on ${config.databaseUrl ? 'PostgreSQL' : `PGlite in ${config.dataDir}`} (the first start builds the web app and the database: a minute or two)…`);
  server = startHutong({ ...process.env, HUTONG_LOG_LEVEL: process.env.HUTONG_LOG_LEVEL ?? 'warn', HUTONG_SEED_DEMO: 'true' }, (line) => say(`hutong │ ${line}`));
  children.push(server.child);
  void server.exited.then((code) => {
    if (!stopping) void stop(`hutong exited (code ${code})`, 1);
  });
  await server.ready;

  const owner = new DemoClient(base);
  await owner.login(demoAccounts.owner.email, demoAccounts.password);
  const room = await findDemoRoom(owner);
  const hostClient = new DemoClient(base);
  await hostClient.login(demoAccounts.host.email, demoAccounts.password);

  if (video) {
    const published = await publishTestStream(owner, room, ffmpegBin, (line) => stopping || say(`ffmpeg │ ${line}`));
    ffmpeg = published.child;
    children.push(ffmpeg);
    ffmpeg.on('error', () => say(`demo: ${ffmpegMissing(ffmpegBin)}`));
    ffmpeg.on('exit', (code, signal) => {
      if (!stopping) say(`demo: ffmpeg stopped (${signal ?? `code ${code}`}); the show ends after its grace period. The audience stays.`);
    });
  }
  const showLive = async () => {
    const { playback } = await owner.get<{ playback: { show: { state: string } | null; live: unknown } }>('/api/v1/rooms/demo/playback');
    return playback.show?.state === 'live' && playback.live !== null;
  };

  audience = startAudience({ client: new DemoClient(base), room: 'demo', viewers: opts.viewers });
  buyers = startBuyers({ base, room: 'demo', roomId: room.roomId, count: opts.buyers, password: demoAccounts.password });
  host = opts.buyers > 0 ? startHost({ host: hostClient, room, units: Math.max(3, Math.round(opts.buyers * 0.6)), showLive: video ? showLive : async () => true }) : undefined;

  say(
    [
      '',
      `hutong demo is running — ${opts.viewers} viewers, ${opts.buyers} buyers${video ? ', the test stream on the air' : ', no video'}. Open:`,
      `  Viewer room     ${u}/live/demo`,
      `  Host console    ${u}/studio/rooms/${room.roomId}   (the live dashboard; log in as the host or the owner)`,
      `  Reports         ${u}/studio/reports`,
      `  Admin           ${u}/admin`,
      `  Ops overview    ${u}/ops   (as the operator)`,
      `Logins (password "${demoAccounts.password}"): ${demoAccounts.host.email} (host), ${demoAccounts.owner.email} (owner), ${demoAccounts.operator.email} (operator);`,
      `  buyers: buyer1@demo.hutong.local … buyer${opts.buyers}@demo.hutong.local, same password.`,
      'Ctrl-C stops everything the demo started.',
      '',
    ].join('\n'),
  );

  // The room's numbers as its host sees them (GET …/live-numbers), beside what the simulators did.
  statusTimer = setInterval(async () => {
    const c = await owner
      .get<{ numbers: { online: number; pcu: number; views: number; likes: number } }>('/api/v1/rooms/demo/live-numbers')
      .then((a) => a.numbers)
      .catch(() => undefined);
    if (stopping) return;
    const b = buyers!.stats;
    const refused = [...b.refused].map(([code, n]) => `${code.replace(/^SALES_/, '').toLowerCase()} ${n}`).join(', ');
    const live = ffmpeg && ffmpeg.exitCode === null ? 'on air' : 'no video';
    say(
      `${clock()} ${live} · online ${c?.online ?? '–'} (peak ${c?.pcu ?? '–'}) · views ${c?.views ?? '–'} · likes ${c?.likes ?? '–'} · ` +
        `chat ${audience!.stats.chat} · shares ${audience!.stats.shares} · flash sales ${host?.stats.sales ?? 0} · orders ${b.orders} (paid ${b.paid})${refused ? ` · refused: ${refused}` : ''}`,
    );
  }, 10_000);
}

let stopAll: ((why: string, code: number) => Promise<void>) | undefined;

main().catch((err: unknown) => {
  if (err instanceof ConfigError) console.error(err.message);
  else console.error(`demo: ${err instanceof Error ? err.message : String(err)}`);
  // Whatever was started before the failure goes with us.
  if (stopAll) void stopAll('it cannot go on', 1);
  else process.exit(1);
});
