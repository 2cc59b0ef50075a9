import { copyFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../src/platform/db/db.pglite';
import { openPostgres } from '../../src/platform/db/db.postgres';
import type { Db, Queryable } from '../../src/platform/db/db.port';
import { migrate } from '../../src/platform/db/migrate';
import { contextMigrationDirs, readMigrations } from '../../src/platform/db/migration-files';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { serviceUrl } from '../support/services';
import { insertEveryTable } from './every-table';
import { apiKeyScopes } from '../../src/contracts/identity.schemas';

/**
 * A database made by release b01f6cb — its six migrations in src/platform/db/migrations/, kept here
 * as they were — with a row in every table, carried forward by the runner of the per-context layout.
 * Recording a migration is the same in both releases (version, name, sha256 of the file).
 */
const releaseDir = fileURLToPath(new URL('../fixtures/migrations-b01f6cb', import.meta.url));

/** Migrates as that release did; `upTo` stops earlier, as a database of an older release. */
async function asReleased(db: Db, upTo = '9999'): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'hutong-release-'));
  try {
    for (const file of await readdir(releaseDir)) if (file.slice(0, 4) <= upTo) await copyFile(join(releaseDir, file), join(dir, file));
    return await migrate(db, { dirs: [dir], legacy: [] });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Tables, columns, constraints and indexes: what two databases must share to be the same schema. */
async function schemaOf(db: Queryable) {
  return {
    columns: await db.query(
      `SELECT table_name, column_name, ordinal_position, data_type, is_nullable, column_default
       FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
    ),
    constraints: await db.query(
      `SELECT conrelid::regclass::text AS "table", conname, pg_get_constraintdef(oid) AS def
       FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2`,
    ),
    indexes: await db.query(`SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1, 2`),
  };
}

async function contentsOf(db: Queryable, tables: readonly string[]) {
  const out: Record<string, unknown[]> = {};
  for (const table of tables) out[table] = await db.query(`SELECT * FROM ${table} ORDER BY 1`);
  return out;
}

/** `after`'s rows with only the columns each table's rows had in `before`. */
function withColumnsOf(before: Record<string, unknown[]>, after: Record<string, unknown[]>): Record<string, unknown[]> {
  return Object.fromEntries(
    Object.entries(after).map(([table, rows]) => {
      const columns = Object.keys((before[table]?.[0] ?? {}) as object);
      return [table, rows.map((row) => Object.fromEntries(columns.map((c) => [c, (row as Record<string, unknown>)[c]])))];
    }),
  );
}

function describeUpgrade(name: string, open: () => Promise<Db>): void {
  describe(`a database of release b01f6cb on ${name}`, () => {
    const opened: Db[] = [];
    const fresh = async () => {
      const db = await open();
      opened.push(db);
      return db;
    };
    let current: Awaited<ReturnType<typeof schemaOf>>;
    beforeAll(async () => {
      const db = await fresh();
      await migrate(db);
      current = await schemaOf(db);
    });
    afterAll(async () => {
      for (const db of opened) await db.close();
    });

    it('is recognised: nothing re-runs, every row stays, and the schema is the one the current files make', async () => {
      const db = await fresh();
      expect(await asReleased(db)).toEqual(['0001', '0002', '0003', '0004', '0005', '0006']);
      const tables = await insertEveryTable(db);
      const all = await db.query<{ name: string }>(
        `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'schema_migrations' ORDER BY 1`,
      );
      expect([...tables].sort()).toEqual(all.map((t) => t.name));
      const before = await contentsOf(db, tables);
      const [{ at } = { at: undefined }] = await db.query<{ at: Date }>(`SELECT applied_at AS at FROM schema_migrations WHERE version = '0006'`);

      // What the release did not have (migrations added since 0008) is applied; nothing it had re-runs.
      const since = (await readMigrations(await contextMigrationDirs())).map((m) => m.version).filter((v) => v > '0008');
      expect(await migrate(db)).toEqual(since);

      // Every row stays as it was; columns added since are compared where the release had them.
      const after = await contentsOf(db, tables);
      expect(withColumnsOf(before, after)).toEqual(before);
      // A key of the release could do what any key could: it gets every scope, and the default rate.
      expect(after.api_keys!.map((k) => [(k as { scopes: string[] }).scopes, (k as { rate_per_minute: unknown }).rate_per_minute])).toEqual([[[...apiKeyScopes], null]]);
      expect(await schemaOf(db)).toEqual(current);
      const files = await readMigrations(await contextMigrationDirs());
      const recorded = await db.query<{ version: string; name: string; checksum: string; at: Date }>(
        `SELECT version, name, checksum, applied_at AS at FROM schema_migrations ORDER BY version`,
      );
      expect(recorded.map(({ at: _at, ...r }) => r)).toEqual(files.map(({ version, name, checksum }) => ({ version, name, checksum })));
      // The split migration's parts keep the date the release applied it.
      expect(recorded.filter((r) => ['0006', '0007', '0008'].includes(r.version)).map((r) => r.at)).toEqual([at, at, at]);
      expect(await migrate(db)).toEqual([]);
    });

    it('that stopped before the cart and link tables gets only those', async () => {
      const db = await fresh();
      expect(await asReleased(db, '0005')).toEqual(['0001', '0002', '0003', '0004', '0005']);
      const since = (await readMigrations(await contextMigrationDirs())).map((m) => m.version).filter((v) => v > '0008');
      expect(await migrate(db)).toEqual(['0006', '0007', '0008', ...since]);
      expect(await schemaOf(db)).toEqual(current);
    });
  });
}

describeUpgrade('PGlite', () => openPglite({ dataDir: 'memory' }));

const adminUrl = serviceUrl('HUTONG_TEST_DATABASE_URL', 'PostgreSQL');
describe.skipIf(!adminUrl)('on PostgreSQL', () => {
  const databases: TestDatabase[] = [];
  afterAll(async () => {
    for (const database of databases) await database.drop();
  });
  describeUpgrade('PostgreSQL', async () => {
    const database = await createTestDatabase(adminUrl!);
    databases.push(database);
    return openPostgres({ url: database.url });
  });
});
