import { AppError } from '../../kernel/app-error';
import type { Queryable } from './db.port';

/**
 * The cursor of an outbox read in (transaction id, id) order — the order every context's outbox
 * (`txid xid8 DEFAULT pg_current_xact_id()`, `id bigserial`) is read in, below the oldest
 * transaction still running, so that a row committing late with a smaller id is read after the
 * rows already given out, never skipped. Opaque to readers: they keep it and hand it back.
 */
export const encodeOutboxCursor = (txid: string, id: string): string => Buffer.from(`${txid}:${id}`).toString('base64url');

/** `[txid, id]` of a cursor this outbox gave out; `['0', '0']` for none (from the start). */
export function decodeOutboxCursor(cursor: string | undefined): [string, string] {
  if (!cursor) return ['0', '0'];
  const m = /^(\d{1,20}):(\d{1,20})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw new AppError('HTTP_VALIDATION_FAILED', 'The outbox cursor is not one this outbox gave out.');
  return [m[1]!, m[2]!];
}

/** One committed outbox row as every outbox table holds it (id, shop, type, subject, payload, time). */
export interface OutboxRow<T extends string, D> {
  id: string;
  shopId: string;
  type: T;
  subjectId: string;
  data: D;
  /** When it happened (ISO 8601, UTC). */
  at: string;
}

/**
 * Reads an outbox table (its owner's own: `table` is the owner's constant, never input) after
 * `after`, committed rows only, in (transaction id, id) order, and the cursor to read on from.
 */
export async function readOutbox<T extends string, D>(
  db: Queryable,
  table: string,
  options: { after?: string | undefined; limit: number },
): Promise<{ rows: OutboxRow<T, D>[]; next: string | null }> {
  const [txid, id] = decodeOutboxCursor(options.after);
  const rows = await db.query<{ id: string; txid: string; shopId: string; type: T; subjectId: string; payload: D; createdAt: Date }>(
    `SELECT id, txid::text AS txid, shop_id AS "shopId", type, subject_id AS "subjectId", payload, created_at AS "createdAt"
       FROM ${table}
      WHERE (txid, id) > ($1::xid8, $2::bigint) AND txid < pg_snapshot_xmin(pg_current_snapshot())
      ORDER BY txid, id LIMIT $3`,
    [txid, id, options.limit],
  );
  const last = rows.at(-1);
  return {
    rows: rows.map((r) => ({ id: r.id, shopId: r.shopId, type: r.type, subjectId: r.subjectId, data: r.payload, at: r.createdAt.toISOString() })),
    next: last ? encodeOutboxCursor(last.txid, last.id) : (options.after ?? null),
  };
}

const tupleOf = (cursor: string): [bigint, bigint] => {
  const [txid, id] = decodeOutboxCursor(cursor);
  return [BigInt(txid), BigInt(id)];
};

/**
 * The position every reader has passed: the smallest of their cursors, or null when one of them has
 * read nothing yet (then nothing may be pruned).
 */
export function leastOutboxCursor(cursors: readonly (string | null)[]): string | null {
  let least: string | null = null;
  for (const c of cursors) {
    if (c === null) return null;
    if (least === null) least = c;
    else {
      const [a, b] = [tupleOf(c), tupleOf(least)];
      if (a[0] < b[0] || (a[0] === b[0] && a[1] < b[1])) least = c;
    }
  }
  return least;
}

/**
 * Deletes, oldest first, at most `limit` rows of an outbox (the owner's `table`, never input) that
 * every reader has read — at or before `readTo`, the least of their cursors — and that were written
 * before `before` (the retention). Cursors stay valid: a read is `(txid, id) > cursor`, and what it
 * needs is after every reader's cursor, so never deleted. Answers how many rows went.
 */
export async function pruneOutbox(db: Queryable, table: string, options: { before: Date; readTo: string | null; limit: number }): Promise<number> {
  if (options.readTo === null) return 0;
  const [txid, id] = decodeOutboxCursor(options.readTo);
  const rows = await db.query<{ id: string }>(
    `DELETE FROM ${table} WHERE id IN (
       SELECT id FROM ${table} WHERE (txid, id) <= ($1::xid8, $2::bigint) AND created_at < $3 ORDER BY txid, id LIMIT $4
     ) RETURNING id`,
    [txid, id, options.before, options.limit],
  );
  return rows.length;
}

/** What an outbox's owner offers for pruning (`pruneOutbox` on its own table). */
export type OutboxPrune = (options: { before: Date; readTo: string | null; limit: number }) => Promise<number>;
