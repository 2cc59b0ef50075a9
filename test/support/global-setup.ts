import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { buildWeb } from '../../src/app/web-build';
import { createPgliteDump } from '../../src/platform/db/db.pglite';
import { migrate } from '../../src/platform/db/migrate';
import { openPostgres } from '../../src/platform/db/db.postgres';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

declare module 'vitest' {
  export interface ProvidedContext {
    webDistDir: string;
    /** A dump of a freshly migrated PGlite: test databases load it (≈0.4 s) instead of initdb (≈2.5 s). */
    migratedPgliteDump: string;
    /** A migrated PostgreSQL database that test databases are copied from ('' without PostgreSQL). */
    migratedPostgresTemplate: string;
  }
}

/**
 * Once per test run: builds the web app into a directory of this run's own (browser tests drive
 * the current sources; parallel runs never rebuild under each other's feet), and migrates one
 * PGlite whose dump every test database starts from (and, with PostgreSQL, a migrated template).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'hutong-test-'));
  const webDistDir = join(dir, 'web');
  const dumpPath = join(dir, 'migrated-pglite.tar');
  const pgUrl = process.env.HUTONG_TEST_DATABASE_URL;
  const [, dump, template] = await Promise.all([
    buildWeb({ force: true, outDir: webDistDir }),
    createPgliteDump(async (db) => void (await migrate(db))),
    pgUrl ? createMigratedTemplate(pgUrl) : undefined,
  ]);
  writeFileSync(dumpPath, Buffer.from(await dump.arrayBuffer()));
  // Suites that run the real command (`hutong serve`, `npm run demo`) use the checkout's web/dist,
  // which a clean clone lacks: each would build it on its first start, two of them at once into the
  // same directory. Give them this run's build before any starts.
  const checkoutWebDist = fileURLToPath(new URL('../../web/dist', import.meta.url));
  if (!existsSync(join(checkoutWebDist, 'index.html'))) cpSync(webDistDir, checkoutWebDist, { recursive: true });
  project.provide('webDistDir', webDistDir);
  project.provide('migratedPgliteDump', dumpPath);
  project.provide('migratedPostgresTemplate', template?.name ?? '');
  return async () => {
    rmSync(dir, { recursive: true, force: true });
    await template?.drop();
  };
}

/**
 * A PostgreSQL database migrated to the current schema, that test databases are copied from
 * (test/support/postgres.ts). Nobody stays connected to it: PostgreSQL copies only an unused template.
 */
async function createMigratedTemplate(adminUrl: string): Promise<{ name: string; drop(): Promise<void> }> {
  const name = `hutong_template_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openPostgres({ url: url.toString(), max: 1 });
  try {
    await migrate(db);
  } finally {
    await db.close();
  }
  return { name, drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
