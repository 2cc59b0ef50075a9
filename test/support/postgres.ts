import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * Creates a database `hutong_test_<random>` on the server of `adminUrl`, so test files running in
 * parallel never share tables. `drop()` removes it even if connections are left open.
 * With `migrated`, it is a copy of the run's migrated template (global-setup.ts) when there is one:
 * a file's `migrate()` then finds nothing to do, instead of running every migration again (each
 * in a transaction that, while it runs, holds back every outbox reader on the server).
 */
export async function createTestDatabase(adminUrl: string, opts: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const name = `hutong_test_${randomBytes(6).toString('hex')}`;
  const template = opts.migrated ? inject('migratedPostgresTemplate') : '';
  await admin(adminUrl, template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    // WITH (FORCE) (PostgreSQL ≥ 13) terminates the connections a failed test may have leaked.
    drop: () => admin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function admin(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

