/**
 * The database port: PostgreSQL SQL with $1-style parameters, on PGlite (embedded default)
 * or PostgreSQL (scale-out).
 *
 * Guarantees:
 * - `query` with parameters runs one statement (auto-commit) and returns its rows; without
 *   parameters it may hold several statements (migrations) and returns the last one's rows.
 * - `transaction` runs `fn` in one serialisable-enough unit (READ COMMITTED, as PostgreSQL's default):
 *   everything `fn` does through `tx` commits together, or nothing does if it throws.
 *   On PGlite, callers are queued: a transaction never interleaves with another caller's statements.
 *   Inside `fn` use only `tx`: on PGlite a call on `db` there waits forever behind its own transaction.
 * - Column names come back as written in SQL (use `AS "camelCase"` aliases); timestamps as Date,
 *   bigint as string (parse where needed), json/jsonb as parsed values. Pass json/jsonb parameters
 *   as `JSON.stringify(value)`: the adapters convert raw objects and arrays differently.
 */
export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Resolves when the database answers a trivial query; used by /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
