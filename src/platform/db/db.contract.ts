import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from './db.port';
import { keyset, type KeysetRow } from './keyset';

/** The behaviour every Db adapter promises (see db.port.ts). `open` must give an empty database. */
export function describeDbContract(name: string, open: () => Promise<Db>): void {
  describe(`Db contract: ${name}`, () => {
    let db: Db;
    beforeAll(async () => {
      db = await open();
    });
    afterAll(async () => {
      await db?.close();
    });

    it('runs a query with $n parameters', async () => {
      await db.query('CREATE TABLE params (id int PRIMARY KEY, label text)');
      await db.query('INSERT INTO params VALUES ($1, $2), ($3, $4)', [1, 'one', 2, 'two']);
      const rows = await db.query('SELECT label FROM params WHERE id = $1', [2]);
      expect(rows).toEqual([{ label: 'two' }]);
    });

    it('returns Date for timestamptz, string for int8, parsed json/jsonb, boolean and null', async () => {
      const [row] = await db.query(`SELECT
        '2024-05-06T07:08:09.123Z'::timestamptz AS "at",
        9007199254740993::int8 AS "big",
        count(*) AS "count",
        ARRAY[1, 2]::int8[] AS "bigs",
        '{"a": {"b": [1, true]}}'::jsonb AS "doc",
        '[1, "x"]'::json AS "list",
        42::int4 AS "small",
        true AS "yes",
        NULL::text AS "nothing"`);
      expect(row).toEqual({
        at: new Date('2024-05-06T07:08:09.123Z'),
        big: '9007199254740993', // beyond 2^53: a number would have lost the last digit
        count: '1',
        bigs: ['1', '2'],
        doc: { a: { b: [1, true] } },
        list: [1, 'x'],
        small: 42,
        yes: true,
        nothing: null,
      });
      expect(row?.at).toBeInstanceOf(Date);
    });

    // Adapters serialise JS objects and arrays differently (node-postgres turns arrays into
    // PostgreSQL arrays), so json parameters go as JSON text, which both pass through unchanged.
    it('accepts json parameters as JSON text', async () => {
      const doc = { items: [1, 2], note: 'é' };
      const [row] = await db.query('SELECT $1::jsonb AS "doc"', [JSON.stringify(doc)]);
      expect(row).toEqual({ doc });
    });

    it('runs several statements in a query without params and returns the last one\'s rows', async () => {
      const rows = await db.query(`
        CREATE TABLE multi (n int);
        INSERT INTO multi VALUES (1), (2);
        SELECT sum(n)::int AS "total" FROM multi`);
      expect(rows).toEqual([{ total: 3 }]);
    });

    it('commits everything a transaction does and returns its value', async () => {
      await db.query('CREATE TABLE committed (n int)');
      const value = await db.transaction(async (tx) => {
        await tx.query('INSERT INTO committed VALUES ($1)', [1]);
        await tx.query('INSERT INTO committed VALUES ($1)', [2]);
        return 'done';
      });
      expect(value).toBe('done');
      expect(await db.query('SELECT n FROM committed ORDER BY n')).toEqual([{ n: 1 }, { n: 2 }]);
    });

    it('writes nothing when the transaction function throws, rethrows its error and stays usable', async () => {
      await db.query('CREATE TABLE rolled_back (n int)');
      const boom = new Error('boom');
      await expect(
        db.transaction(async (tx) => {
          await tx.query('INSERT INTO rolled_back VALUES (1)');
          throw boom;
        }),
      ).rejects.toBe(boom);
      expect(await db.query('SELECT n FROM rolled_back')).toEqual([]);
      await db.transaction((tx) => tx.query('INSERT INTO rolled_back VALUES (2)'));
      expect(await db.query('SELECT n FROM rolled_back')).toEqual([{ n: 2 }]);
    });

    it('rejects with 25P02 and writes nothing when fn swallowed a failed statement', async () => {
      await db.query('CREATE TABLE swallowed (n int PRIMARY KEY)');
      const result = db.transaction(async (tx) => {
        await tx.query('INSERT INTO swallowed VALUES (1)');
        await tx.query('INSERT INTO swallowed VALUES (1)').catch(() => undefined);
      });
      await expect(result).rejects.toMatchObject({ code: '25P02' });
      expect(await db.query('SELECT n FROM swallowed')).toEqual([]);
    });

    it('never interleaves transactions: 50 concurrent read-modify-write increments count to 50', async () => {
      await db.query('CREATE TABLE counter (id int PRIMARY KEY, n int NOT NULL)');
      await db.query('INSERT INTO counter VALUES (1, 0)');
      await Promise.all(
        Array.from({ length: 50 }, () =>
          db.transaction(async (tx) => {
            const [row] = await tx.query<{ n: number }>('SELECT n FROM counter WHERE id = 1 FOR UPDATE');
            await new Promise((resolve) => setTimeout(resolve, 1)); // give other callers a chance to cut in
            await tx.query('UPDATE counter SET n = $1 WHERE id = 1', [row!.n + 1]);
          }),
        ),
      );
      expect(await db.query('SELECT n FROM counter')).toEqual([{ n: 50 }]);
    });

    it('surfaces a unique violation with SQLSTATE code 23505, in and out of transactions', async () => {
      await db.query('CREATE TABLE uniq (email text PRIMARY KEY)');
      await db.query('INSERT INTO uniq VALUES ($1)', ['a@example.com']);
      await expect(db.query('INSERT INTO uniq VALUES ($1)', ['a@example.com'])).rejects.toMatchObject({
        code: '23505',
      });
      await expect(
        db.transaction((tx) => tx.query('INSERT INTO uniq VALUES ($1)', ['a@example.com'])),
      ).rejects.toMatchObject({ code: '23505' });
    });

    it('pages by (created_at, id) in both directions through ties and microsecond steps (keyset.ts)', async () => {
      await db.query('CREATE TABLE paged (id uuid PRIMARY KEY, created_at timestamptz NOT NULL)');
      // 30 rows share one instant (ties broken by id), 30 are 1 µs apart: a JS Date would merge them.
      await db.query(`INSERT INTO paged SELECT gen_random_uuid(), '2026-01-01T00:00:00.000001Z'::timestamptz FROM generate_series(1, 30)`);
      await db.query(`INSERT INTO paged SELECT gen_random_uuid(), '2026-01-01T00:00:00Z'::timestamptz + n * interval '1 microsecond' FROM generate_series(2, 31) n`);
      for (const descending of [false, true]) {
        const all = await db.query<{ id: string }>(`SELECT id FROM paged ORDER BY created_at ${descending ? 'DESC' : 'ASC'}, id ${descending ? 'DESC' : 'ASC'}`);
        const seen: string[] = [];
        let after: string | undefined;
        for (let pages = 0; pages < 100; pages++) {
          const ks = keyset({ limit: 7, after }, { key: 'created_at', keyType: 'timestamptz', descending }, 1);
          const page = ks.page(await db.query<KeysetRow & { id: string }>(`SELECT id, ${ks.keyColumns} FROM paged WHERE true ${ks.where} ${ks.orderLimit}`, ks.params));
          seen.push(...page.items.map((r) => r.id));
          if (page.next === null) break;
          after = page.next;
        }
        expect(seen).toEqual(all.map((r) => r.id));
      }
    });

    it('pings while open; after close, ping rejects and close again is harmless', async () => {
      const other = await open();
      expect(other.kind).toBe(db.kind);
      await expect(other.ping()).resolves.toBeUndefined();
      await other.close();
      await expect(other.ping()).rejects.toThrow();
      await expect(other.close()).resolves.toBeUndefined();
    });
  });
}
