import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { serviceUrl } from '../../../test/support/services';
import { createTestDatabase, type TestDatabase } from '../../../test/support/postgres';
import { openPglite } from './db.pglite';
import type { Db } from './db.port';
import { openPostgres } from './db.postgres';
import { migrate, type MigrateOptions } from './migrate';

let root: string;
let dirs = 0;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'hutong-migrate-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A fresh migrations dir holding `files`, written in reverse so readdir order cannot pass for sorting. */
async function migrationsDir(files: Record<string, string>): Promise<MigrateOptions> {
  const dir = join(root, `m${dirs++}`);
  await mkdir(dir);
  for (const [name, sql] of Object.entries(files).reverse()) await writeFile(join(dir, name), sql);
  return { dirs: [dir] };
}

const first = { '0001_first.sql': 'CREATE TABLE log (step int PRIMARY KEY); INSERT INTO log VALUES (1);' };
const second = { '0002_second.sql': 'INSERT INTO log VALUES (2);' };

/**
 * The runner against one database. `peer` opens a second node on the same database, where the
 * backend has such a thing: PostgreSQL, not PGlite (one process per database, and its queries block
 * the event loop, so two runs in one process never overlap and that test could not fail).
 */
function describeMigrate(name: string, open: () => Promise<Db>, peer?: () => Promise<Db>): void {
  describe(`migrate on ${name}`, () => {
    let db: Db;
    beforeAll(async () => {
      db = await open();
    });
    afterAll(async () => {
      await db?.close();
    });
    beforeEach(async () => {
      await db.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
    });
    const steps = () => db.query('SELECT step FROM log ORDER BY step');

    it('applies pending migrations in version order, recording version, name and sha256', async () => {
      const source = await migrationsDir({ ...first, ...second });
      expect(await migrate(db, source)).toEqual(['0001', '0002']);
      expect(await steps()).toEqual([{ step: 1 }, { step: 2 }]);
      const recorded = await db.query('SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version');
      expect(recorded).toEqual([
        { version: '0001', name: 'first', checksum: sha256(first['0001_first.sql']), applied_at: expect.any(Date) },
        { version: '0002', name: 'second', checksum: sha256(second['0002_second.sql']), applied_at: expect.any(Date) },
      ]);
    });

    it('applies nothing on a second run, and only the new file when one is added', async () => {
      expect(await migrate(db, await migrationsDir(first))).toEqual(['0001']);
      expect(await migrate(db, await migrationsDir(first))).toEqual([]);
      expect(await migrate(db, await migrationsDir({ ...first, ...second }))).toEqual(['0002']);
      expect(await steps()).toEqual([{ step: 1 }, { step: 2 }]);
    });

    it('refuses a database holding a migration this code does not have', async () => {
      await migrate(db, await migrationsDir({ ...first, ...second }));
      await expect(migrate(db, await migrationsDir(first))).rejects.toThrow(
        /migration 0002_second, which this hutong does not have: a newer hutong/,
      );
    });

    it('refuses, applying nothing, when an applied file has changed', async () => {
      await migrate(db, await migrationsDir(first));
      const edited = { '0001_first.sql': `${first['0001_first.sql']} -- tweaked` };
      await expect(migrate(db, await migrationsDir({ ...edited, ...second }))).rejects.toThrow(
        /0001_first\.sql has changed since it was applied/,
      );
      expect(await steps()).toEqual([{ step: 1 }]);
    });

    it('rolls back a failing migration whole, keeps the earlier ones and retries it next run', async () => {
      const broken = { '0002_second.sql': 'CREATE TABLE half (n int); INSERT INTO log VALUES (1);' };
      await expect(migrate(db, await migrationsDir({ ...first, ...broken }))).rejects.toMatchObject({ code: '23505' });
      expect(await db.query("SELECT to_regclass('half') AS \"half\"")).toEqual([{ half: null }]);
      expect(await db.query('SELECT version FROM schema_migrations')).toEqual([{ version: '0001' }]);
      expect(await migrate(db, await migrationsDir({ ...first, ...second }))).toEqual(['0002']);
    });

    it('refuses a .sql file not named NNNN_name.sql', async () => {
      const source = await migrationsDir({ ...first, '2_Second.sql': 'SELECT 1' });
      await expect(migrate(db, source)).rejects.toThrow(/2_Second\.sql is not named NNNN_name\.sql/);
    });

    it('applies the migrations of several folders in one order by version, gaps allowed', async () => {
      const a = await migrationsDir({ ...first, '0020_late.sql': 'INSERT INTO log VALUES (20);' });
      const b = await migrationsDir({ '0005_middle.sql': 'INSERT INTO log VALUES (5);' });
      expect(await migrate(db, { dirs: [...a.dirs!, ...b.dirs!] })).toEqual(['0001', '0005', '0020']);
      expect(await steps()).toEqual([{ step: 1 }, { step: 5 }, { step: 20 }]);
    });

    it('refuses two migrations that share a version, naming both files, and applies nothing', async () => {
      const a = await migrationsDir(first);
      const b = await migrationsDir({ '0001_other.sql': 'CREATE TABLE other (n int);' });
      await expect(migrate(db, { dirs: [...a.dirs!, ...b.dirs!] })).rejects.toThrow(
        /Migrations .*0001_first\.sql and .*0001_other\.sql share version 0001/,
      );
      expect(await db.query("SELECT to_regclass('log') AS log, to_regclass('other') AS other")).toEqual([{ log: null, other: null }]);
    });

    it('carries a legacy record forward to the migrations that replace it, running nothing again', async () => {
      await migrate(db, await migrationsDir(first));
      const [before] = await db.query<{ appliedAt: Date }>('SELECT applied_at AS "appliedAt" FROM schema_migrations');
      // The same schema, now made by two files (as a split by owning context does).
      const split = {
        '0001_log.sql': 'CREATE TABLE log (step int PRIMARY KEY);',
        '0002_first_step.sql': 'INSERT INTO log VALUES (1);',
      };
      const legacy = [{ version: '0001', name: 'first', checksum: sha256(first['0001_first.sql']), becomes: ['0001', '0002'] }];
      const source = { ...(await migrationsDir({ ...split, ...{ '0003_next.sql': 'INSERT INTO log VALUES (3);' } })), legacy };
      expect(await migrate(db, source)).toEqual(['0003']);
      expect(await steps()).toEqual([{ step: 1 }, { step: 3 }]);
      expect(await db.query('SELECT version, name, checksum, applied_at AS "appliedAt" FROM schema_migrations ORDER BY version')).toEqual([
        { version: '0001', name: 'log', checksum: sha256(split['0001_log.sql']), appliedAt: before!.appliedAt },
        { version: '0002', name: 'first_step', checksum: sha256(split['0002_first_step.sql']), appliedAt: before!.appliedAt },
        { version: '0003', name: 'next', checksum: sha256('INSERT INTO log VALUES (3);'), appliedAt: expect.any(Date) },
      ]);
      expect(await migrate(db, source)).toEqual([]);
    });

    it('leaves a record alone when its checksum is not the legacy one, and refuses the unknown file', async () => {
      await migrate(db, await migrationsDir({ '0001_first.sql': `${first['0001_first.sql']} -- local edit` }));
      const legacy = [{ version: '0001', name: 'first', checksum: sha256(first['0001_first.sql']), becomes: ['0001'] }];
      await expect(migrate(db, { ...(await migrationsDir({ '0001_log.sql': 'CREATE TABLE log (step int);' })), legacy })).rejects.toThrow(
        /has migration 0001_first, but version 0001 here is .*0001_log\.sql/,
      );
      expect(await db.query('SELECT version, name FROM schema_migrations')).toEqual([{ version: '0001', name: 'first' }]);
    });

    it.runIf(peer)('applies each migration once when two nodes migrate at the same time', async () => {
      // The sleep keeps the first node inside 0001 while the second arrives.
      const slow = { '0001_first.sql': `SELECT pg_sleep(0.3); ${first['0001_first.sql']}` };
      const source = await migrationsDir({ ...slow, ...second });
      const other = await peer!();
      try {
        const [a, b] = await Promise.all([migrate(db, source), migrate(other, source)]);
        expect([...a, ...b].sort()).toEqual(['0001', '0002']);
      } finally {
        await other.close();
      }
      expect(await steps()).toEqual([{ step: 1 }, { step: 2 }]);
    });
  });
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

describeMigrate('PGlite', () => openPglite({ dataDir: 'memory' }));

const adminUrl = serviceUrl('HUTONG_TEST_DATABASE_URL', 'PostgreSQL');
describe.skipIf(!adminUrl)('on PostgreSQL', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(adminUrl!);
  });
  afterAll(async () => {
    await database?.drop();
  });
  describeMigrate('PostgreSQL', () => openPostgres({ url: database.url }), () => openPostgres({ url: database.url }));
});
