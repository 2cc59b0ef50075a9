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
