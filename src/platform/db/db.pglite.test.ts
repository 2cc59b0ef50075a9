import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeDbContract } from './db.contract';
import { createPgliteTemplate, openPglite } from './db.pglite';

describeDbContract('PGlite in memory', () => openPglite({ dataDir: 'memory' }));

describe('PGlite on a data dir', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'hutong-pglite-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('refuses a second open of a locked data dir, naming the dir, and opens again after close', async () => {
    const dir = join(root, 'locked', 'pglite'); // not there yet: openPglite creates it
    const first = await openPglite({ dataDir: dir });
    try {
      await expect(openPglite({ dataDir: dir })).rejects.toThrow(`Another hutong is using the data dir ${dir}`);
    } finally {
      await first.close();
    }
    const again = await openPglite({ dataDir: dir });
    await expect(again.ping()).resolves.toBeUndefined();
    await again.close();
  });

  it('keeps committed data across close and reopen', async () => {
    const dir = join(root, 'durable');
    const first = await openPglite({ dataDir: dir });
    await first.query('CREATE TABLE kept (note text)');
    await first.transaction((tx) => tx.query('INSERT INTO kept VALUES ($1)', ['still here']));
    await first.close();

    const second = await openPglite({ dataDir: dir });
    try {
      expect(await second.query('SELECT note FROM kept')).toEqual([{ note: 'still here' }]);
    } finally {
      await second.close();
    }
  });
});

describe('createPgliteTemplate', () => {
  it('opens independent copies of the prepared database', async () => {
    const open = await createPgliteTemplate(async (db) => {
      await db.query("CREATE TABLE seeded (n int); INSERT INTO seeded VALUES (1)");
    });
    const [a, b] = await Promise.all([open(), open()]);
    try {
      await a.query('INSERT INTO seeded VALUES (2)');
      expect(await a.query('SELECT n FROM seeded ORDER BY n')).toEqual([{ n: 1 }, { n: 2 }]);
      expect(await b.query('SELECT n FROM seeded ORDER BY n')).toEqual([{ n: 1 }]);
      // The copy keeps the adapter's type parsing.
      expect(await b.query('SELECT 1::int8 AS "big"')).toEqual([{ big: '1' }]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
