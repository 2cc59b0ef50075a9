import type { Config } from './config';
import { createHutong } from './hutong';
import { demoAccounts, seedDemo } from './seed-demo';
import { buildWeb } from './web-build';

/** Starts hutong, prints where to go, and shuts down cleanly on SIGTERM/SIGINT. */
export async function serve(config: Config): Promise<void> {
  const started = performance.now();
  if ((await buildWeb()) === 'built') console.log('built the web app (web/dist)');
  const hutong = await createHutong(config);
  const seeded = config.seedDemo ? await seedDemo(hutong) : 'off';
  await hutong.http.listen({ port: config.port, host: config.host });

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

  const u = config.publicUrl;
  const database = config.databaseUrl ? 'PostgreSQL' : `PGlite in ${config.dataDir}`;
  const lines = [
    '',
    `hutong (互通) is up in ${Math.round(performance.now() - started)} ms — ${database}, bus: ${config.bus.kind}`,
    `  Home        ${u}/`,
    `  Live room   ${u}/live/demo`,
    `  Studio      ${u}/studio`,
    `  Admin       ${u}/admin`,
    `  Ops         ${u}/ops`,
    `  API docs    ${u}/api/docs`,
  ];
  if (seeded !== 'off')
    lines.push(
      '',
      `Demo shop "hutong 演示店" — log in with password "${demoAccounts.password}" as:`,
      `  ${demoAccounts.owner.email} (owner), ${demoAccounts.host.email} (host), ${demoAccounts.operator.email} (operator)`,
      '  (set HUTONG_SEED_DEMO=false on a real deployment)',
    );
  console.log(lines.join('\n') + '\n');
}
