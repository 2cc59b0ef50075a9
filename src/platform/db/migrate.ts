import type { Db, Queryable } from './db.port';
import { legacyMigrations, type LegacyMigration } from './legacy-migrations';
import { contextMigrationDirs, readMigrations, type Migration } from './migration-files';

// Serialises migration runs across every node sharing the database. An arbitrary constant that
// only has to be unique among hutong's advisory locks.
const MIGRATION_LOCK = 7_270_001;

interface Applied {
  version: string;
  name: string;
  checksum: string;
  appliedAt: Date;
}

export interface MigrateOptions {
  /** Folders of migration files (default: every `src/<context>/migrations/`). */
  dirs?: readonly string[];
  /** Records of earlier releases that current migrations replace (default: legacy-migrations.ts). */
  legacy?: readonly LegacyMigration[];
}

/**
 * Applies the migrations that the database lacks — those of every folder, in one order by version —
 * each in its own transaction, and returns the versions it applied. A database recorded by an
 * earlier release's layout is first carried forward (legacy-migrations.ts: its records are replaced
 * by those of the migrations that make the same schema, nothing is re-run). Throws, changing
 * nothing, when the database holds a migration unknown here (a newer hutong ran on it) or an
 * applied file has been edited.
 *
 * Safe to call from several nodes at once: each step takes a transaction-scoped advisory lock and
 * re-reads what is applied, so a migration applied by another node meanwhile is skipped.
 */
export async function migrate(db: Db, options: MigrateOptions = {}): Promise<string[]> {
  const migrations = await readMigrations(options.dirs ?? (await contextMigrationDirs()));
  const known = new Map(migrations.map((m) => [m.version, m]));

  const applied = await db.transaction(async (tx) => {
    await lock(tx);
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version    text PRIMARY KEY,
      name       text NOT NULL,
      checksum   text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    await carryForward(tx, await appliedMigrations(tx), known, options.legacy ?? legacyMigrations);
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

/**
 * Replaces the records of legacy migrations by those of the current migrations that made the same
 * schema, keeping when they were applied. All matched records go first, then the new ones are
 * written, so a replacement may reuse a legacy version number.
 */
async function carryForward(tx: Queryable, rows: Applied[], known: Map<string, Migration>, legacy: readonly LegacyMigration[]): Promise<void> {
  const matched = rows.flatMap((row) => {
    const old = legacy.find((l) => l.version === row.version && l.name === row.name && l.checksum === row.checksum);
    return old ? [{ row, becomes: old.becomes }] : [];
  });
  for (const { row } of matched) await tx.query('DELETE FROM schema_migrations WHERE version = $1', [row.version]);
  for (const { row, becomes } of matched) {
    for (const version of becomes) {
      const migration = known.get(version);
      if (!migration) throw new Error(`Legacy migration ${row.version}_${row.name} is replaced by ${version}, which this hutong does not have`);
      await tx.query('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES ($1, $2, $3, $4)', [
        migration.version,
        migration.name,
        migration.checksum,
        row.appliedAt,
      ]);
    }
  }
}

async function lock(tx: Queryable): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
}

function appliedMigrations(tx: Queryable, version?: string): Promise<Applied[]> {
  return tx.query<Applied>(
    `SELECT version, name, checksum, applied_at AS "appliedAt" FROM schema_migrations WHERE $1::text IS NULL OR version = $1 ORDER BY version`,
    [version ?? null],
  );
}

function verify(applied: Applied, migration: Migration | undefined): void {
  if (!migration) {
    throw new Error(
      `The database has migration ${applied.version}_${applied.name}, which this hutong does not have: a newer hutong has run on ` +
        `this database. Run that version (or newer), or restore a backup taken before the upgrade.`,
    );
  }
  if (migration.name !== applied.name) {
    throw new Error(
      `The database has migration ${applied.version}_${applied.name}, but version ${applied.version} here is ` +
        `${migration.path}: a version must keep its file. Give the new file a free number of your range.`,
    );
  }
  if (migration.checksum !== applied.checksum) {
    throw new Error(
      `Migration ${migration.path} has changed since it was applied (sha256 differs). Applied migrations ` +
        `must not be edited: restore the file and put the change in a new migration.`,
    );
  }
}
