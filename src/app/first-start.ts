import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from './config';
import { runChild } from './run-child';
import { buildWeb } from './web-build';

const hutongBin = fileURLToPath(new URL('../../bin/hutong.js', import.meta.url));

/**
 * What only the first start has to do, each step in a child process so its memory ends with it
 * instead of staying in the server: building the web app (a bundler's heap), and creating the
 * embedded database (PGlite's initdb and the migrations, ≈ 0.5 GB of WASM memory that never
 * shrinks). The server then opens a built app and an existing database, as on every later start.
 * Returns what was done, for the banner.
 */
export async function prepareFirstStart(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<string[]> {
  const done: string[] = [];
  const web = await buildWeb();
  if (web === 'built') done.push('built the web app (web/dist)');
  if (web === 'rebuilt') done.push('rebuilt the web app (web/dist): its sources changed');
  if (!config.databaseUrl && !existsSync(join(config.dataDir, 'pglite', 'PG_VERSION'))) {
    await runChild([hutongBin, 'migrate']);
    done.push(`created the database in ${config.dataDir}`);
  }
  return done;
}
