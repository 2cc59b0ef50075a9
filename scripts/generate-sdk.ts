import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/app/config';
import { createHutong } from '../src/app/hutong';
import { openPglite } from '../src/platform/db/db.pglite';
import { migrate } from '../src/platform/db/migrate';
import { SDK_TYPES_FILE, sdkSource } from './sdk-source';

/**
 * `npm run sdk`: assembles hutong on an in-memory database with the default configuration, takes the
 * OpenAPI document it generates, and writes the SDK's types (web/src/api/openapi.d.ts).
 */
const dataDir = mkdtempSync(join(tmpdir(), 'hutong-sdk-'));
const db = await openPglite({ dataDir: 'memory' });
await migrate(db);
const hutong = await createHutong(loadConfig({ HUTONG_DATA_DIR: dataDir, HUTONG_LOG_LEVEL: 'silent', HUTONG_FFMPEG: 'off' }), { db, webDistDir: join(dataDir, 'no-web') });
try {
  await hutong.http.ready();
  writeFileSync(SDK_TYPES_FILE, await sdkSource(hutong.http.swagger()));
  console.log(`wrote ${SDK_TYPES_FILE}`);
} finally {
  await hutong.close();
  rmSync(dataDir, { recursive: true, force: true });
}
