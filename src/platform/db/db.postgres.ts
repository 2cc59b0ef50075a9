import pg from 'pg';
import type { Db, Queryable } from './db.port';

export interface PostgresOptions {
  url: string;
  /** Pool size; node-postgres defaults to 10. */
  max?: number;
  /** Told about errors on idle pooled connections (server restart, network cut). */
  onError?: (err: Error) => void;
}

// node-postgres's default type parsing already matches the port: int8 → string (it does not
// parse type 20), timestamptz → Date, json/jsonb → parsed. So no parsers are set here.

/** Opens a pool on PostgreSQL and checks that it answers, so a bad URL fails at startup. */
export async function openPostgres({ url, max, onError = defaultOnError }: PostgresOptions): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle client's error is emitted on the pool; with no listener it would crash the process.
  // The pool drops that client and opens a new one on demand.
  pool.on('error', onError);
  const db = wrap(pool);
  try {
    await db.ping();
    return db;
  } catch (err) {
    await pool.end();
    throw err;
  }
}

/** One line: the error object holds the whole pg client (connection settings included). */
function defaultOnError(err: Error & { code?: string }): void {
  console.error(`[hutong] PostgreSQL idle connection error: ${err.message}${err.code ? ` (${err.code})` : ''}`);
}

function queryable(target: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<R>(sql: string, params?: readonly unknown[]): Promise<R[]> {
      const result = await target.query(sql, params ? [...params] : undefined);
      // Several statements without params (the simple protocol) give one result each; keep the last.
      const last = Array.isArray(result) ? result.at(-1) : result;
      return (last?.rows ?? []) as R[];
    },
  };
}

function wrap(pool: pg.Pool): Db {
  let closing: Promise<void> | undefined;
  return {
    kind: 'postgres',
    ...queryable(pool),
    // One pooled client for the whole of fn, so all of tx's statements are in one transaction.
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const value = await fn(queryable(client));
        await commit(client);
        return value;
      } catch (err) {
        await client.query('ROLLBACK').catch((rollbackErr: Error) => (broken = rollbackErr));
        throw err;
      } finally {
        // A client whose ROLLBACK failed may still be inside a transaction: destroy, never reuse it.
        client.release(broken ?? false);
      }
    },
    async ping() {
      await pool.query('SELECT 1');
    },
    close() {
      closing ??= pool.end();
      return closing;
    },
  };
}

// PostgreSQL answers COMMIT of a transaction that had a failed statement with ROLLBACK, not an
// error. Throw as PGlite does (SQLSTATE 25P02), so fn swallowing an error never passes for success.
async function commit(client: pg.PoolClient): Promise<void> {
  const result = await client.query('COMMIT');
  if (result.command === 'ROLLBACK') {
    throw Object.assign(new Error('Transaction was rolled back instead of committed: a statement in it failed'), {
      code: '25P02',
    });
  }
}
