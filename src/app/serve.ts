import type { Config } from './config';
import { createHutong, type Hutong, type HutongOverrides } from './hutong';
import { isClusterWorker, runPrimary, runWorker } from './cluster';
import { demoAccounts, seedDemo } from './seed-demo';
import { prepareFirstStart } from './first-start';

/**
 * Starts hutong, prints where to go, and shuts down cleanly on SIGTERM/SIGINT. With
 * HUTONG_WORKERS > 1 this process becomes the primary of a cluster of that many servers.
 */
export async function serve(config: Config): Promise<void> {
  const started = performance.now();
  const announce = (seeded: 'seeded' | 'present' | 'off') => console.log(banner(config, seeded, performance.now() - started));
  if (config.workers > 1) {
    return isClusterWorker() ? runWorker(config, (o) => startServer(config, o)) : runPrimary(config, announce);
  }
  for (const line of await prepareFirstStart(config)) console.log(line);
  const hutong = await startServer(config, {}, seedDemo);
  announce(hutong.seeded);
}

/** One server process: the app, listening, closing on a signal. */
async function startServer(
  config: Config,
  overrides: HutongOverrides,
  seed?: (hutong: Hutong) => Promise<'seeded' | 'present'>,
): Promise<Hutong & { seeded: 'seeded' | 'present' | 'off' }> {
  const hutong = await createHutong(config, overrides);
  const seeded: 'seeded' | 'present' | 'off' = seed && config.seedDemo ? await seed(hutong) : 'off';
  await hutong.http.listen({ port: config.port, host: config.host });
  await hutong.video.listen();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    hutong.http.log.info({ signal }, 'shutting down');
    await hutong.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  return Object.assign(hutong, { seeded });
}

function banner(config: Config, seeded: 'seeded' | 'present' | 'off', ms: number): string {
  const u = config.publicUrl;
  const database = config.databaseUrl ? 'PostgreSQL' : `PGlite in ${config.dataDir}`;
  const processes = config.workers > 1 ? `, ${config.workers} workers` : '';
  const lines = [
    '',
    `hutong (互通) is up in ${Math.round(ms)} ms — ${database}, bus: ${config.bus.kind}${processes}`,
    `  Home        ${u}/`,
    `  Live room   ${u}/live/demo`,
    `  Studio      ${u}/studio`,
    `  Admin       ${u}/admin`,
    `  Ops         ${u}/ops`,
    `  API docs    ${u}/api/docs`,
    `  Audience    npm run simulate -- --url ${u} --room demo --viewers 200`,
    config.video.ingest === 'embedded'
      ? `  RTMP in     ${config.video.rtmpPublicUrl} (stream key: studio → room)`
      : `  RTMP in     external media server (HUTONG_INGEST=external), hooks at ${u}/api/v1/media/hooks/…`,
  ];
  if (seeded !== 'off')
    lines.push(
      '',
      `Demo shop "hutong 演示店" — log in with password "${demoAccounts.password}" as:`,
      `  ${demoAccounts.owner.email} (owner), ${demoAccounts.host.email} (host), ${demoAccounts.operator.email} (operator)`,
      '  (set HUTONG_SEED_DEMO=false on a real deployment)',
    );
  return lines.join('\n') + '\n';
}
