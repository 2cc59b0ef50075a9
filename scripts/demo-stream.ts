/**
 * `npm run demo:stream`: publishes the vertical test stream (scripts/demo/stream.ts) into the demo
 * room of the hutong that runs with the same configuration (HUTONG_* variables), the way a host's
 * OBS would. /live/demo plays within seconds. Ctrl-C stops the stream; the show ends after the
 * grace period. `npm run demo` does this and more (a whole show, an audience) in one command.
 */
import { loadConfig } from '../src/app/config';
import { demoAccounts } from '../src/app/seed-demo';
import { DemoClient } from './demo/http';
import { ffmpegMissing, findDemoRoom, publishTestStream } from './demo/stream';

async function main(): Promise<void> {
  const config = loadConfig();
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const base = process.env.HUTONG_DEMO_URL ?? `http://${host.includes(':') ? `[${host}]` : host}:${config.port}`;
  const owner = new DemoClient(base);
  await owner.login(demoAccounts.owner.email, demoAccounts.password).catch((err: Error) => {
    if (err.name === 'TypeError' || err.name === 'TimeoutError') throw new Error(`hutong is not answering at ${base}: start it with 'npm start' (same HUTONG_* settings)`);
    throw new Error(`${err.message}\n(demo:stream needs the demo shop: HUTONG_SEED_DEMO=true)`);
  });
  const ffmpegBin = process.env.HUTONG_FFMPEG ?? 'ffmpeg';
  const { child: ffmpeg, rtmpUrl } = await publishTestStream(owner, await findDemoRoom(owner), ffmpegBin, (line) => console.error(line));
  console.log(`demo:stream → ${rtmpUrl}/<demo room's key>\nwatch at ${base}/live/demo  (Ctrl-C to stop)`);
  ffmpeg.on('error', () => {
    console.error(ffmpegMissing(ffmpegBin));
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
