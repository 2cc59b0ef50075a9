import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db, Queryable } from './db.port';

const DEFAULT_DIR = fileURLToPath(new URL('./migrations', import.meta.url));
const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/;

// Serialises migration runs across every node sharing the database. An arbitrary constant that
// only has to be unique among hutong's advisory locks.
const MIGRATION_LOCK = 7_270_001;

interface Migration {
  version: string;
  name: string;
  sql: string;
  checksum: string;
}

interface Applied {
  version: string;
  name: string;
  checksum: string;
}

/**
 * Applies the migrations in `dir` that the database lacks, in version order, each in its own
 * transaction, and returns the versions it applied. Throws, changing nothing, when the database
 * holds a migration unknown here (a newer hutong ran on it) or an applied file has been edited.
 *
 * Safe to call from several nodes at once: each step takes a transaction-scoped advisory lock and
 * re-reads what is applied, so a migration applied by another node meanwhile is skipped.
 */
export async function migrate(db: Db, dir: string = DEFAULT_DIR): Promise<string[]> {
  const migrations = await readMigrations(dir);
  const known = new Map(migrations.map((m) => [m.version, m]));

  const applied = await db.transaction(async (tx) => {
    await lock(tx);
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version    text PRIMARY KEY,
      name       text NOT NULL,
      checksum   text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const rows = await appliedMigrations(tx);
    for (const row of rows) verify(row, known.get(row.version));
    return new Set(rows.map((row) => row.version));
  });

  const done: string[] = [];
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    const ran = await db.transaction(async (tx) => {
      await lock(tx);
      const [already] = await appliedMigrations(tx, migration.version);
      if (already) {
        verify(already, migration);
        return false;
      }
      await tx.query(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        migration.checksum,
      ]);
      return true;
    });
    if (ran) done.push(migration.version);
  }
  return done;
}

async function readMigrations(dir: string): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const file of files) {
    const match = FILE_NAME.exec(file);
    if (!match) throw new Error(`Migration file ${join(dir, file)} is not named NNNN_name.sql (lower case)`);
    const [, version = '', name = ''] = match;
    if (migrations.at(-1)?.version === version) throw new Error(`Two migrations in ${dir} share version ${version}`);
    const sql = await readFile(join(dir, file), 'utf8');
    migrations.push({ version, name, sql, checksum: createHash('sha256').update(sql).digest('hex') });
  }
  return migrations;
}

async function lock(tx: Queryable): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
}

function appliedMigrations(tx: Queryable, version?: string): Promise<Applied[]> {
  return tx.query<Applied>(
    'SELECT version, name, checksum FROM schema_migrations WHERE $1::text IS NULL OR version = $1 ORDER BY version',
    [version ?? null],
  );
}

function verify(applied: Applied, migration: Migration | undefined): void {
  const label = `${applied.version}_${applied.name}`;
  if (!migration) {
    throw new Error(
      `The database has migration ${label}, which this hutong does not have: a newer hutong has run on ` +
        `this database. Run that version (or newer), or restore a backup taken before the upgrade.`,
    );
  }
  if (migration.checksum !== applied.checksum) {
    throw new Error(
      `Migration ${label}.sql has changed since it was applied (sha256 differs). Applied migrations ` +
        `must not be edited: restore the file and put the change in a new migration.`,
    );
  }
}
