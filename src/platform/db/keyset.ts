import { AppError } from '../../kernel/app-error';
import type { PageQuery } from '../../contracts/pagination.schemas';

/**
 * Keyset pagination, the one way list routes page (contracts/pagination.schemas.ts). A list is
 * ordered by (key, id); a cursor carries the last row's key and id, and the next page starts
 * strictly after them — no OFFSET, so a page costs the same deep in a list, and rows added or
 * deleted meanwhile never shift what follows.
 *
 * The key travels as PostgreSQL's own text of the column (`created_at::text` keeps microseconds,
 * a JS Date would round them to milliseconds and repeat rows) and is cast back in the query.
 */
export interface KeysetOrder {
  /** SQL of the sort column, e.g. `created_at` or `s.created_at`. */
  key: string;
  keyType: 'timestamptz' | 'text' | 'bigint';
  /** SQL of the tie-breaking unique column; `id` unless told. */
  id?: string;
  idType?: 'uuid' | 'text';
  descending?: boolean;
}

export interface Page<T> {
  items: T[];
  next: string | null;
}

/** The extra columns a paged query selects: the row's key and id as text, to build the next cursor from. */
export interface KeysetRow {
  pageKey: string;
  pageId: string;
}

const keyShapes: Record<KeysetOrder['keyType'], RegExp> = {
  timestamptz: /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(\.\d{1,6})?([+-]\d\d(:\d\d)?|Z)?$/,
  bigint: /^-?\d{1,19}$/,
  text: /^[^\u0000]{0,200}$/,
};
const idShapes = { uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, text: /^[^\u0000]{1,200}$/ };

export const encodeCursor = (key: string, id: string): string => Buffer.from(JSON.stringify([key, id])).toString('base64url');

function decodeCursor(cursor: string, order: KeysetOrder): [string, string] {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  const [key, id] = Array.isArray(value) && value.length === 2 ? value : [];
  if (typeof key === 'string' && typeof id === 'string' && keyShapes[order.keyType].test(key) && idShapes[order.idType ?? 'uuid'].test(id)) {
    return [key, id];
  }
  throw new AppError('HTTP_VALIDATION_FAILED', 'The `after` cursor is not one this list gave out.', {
    issues: [{ where: 'querystring', path: 'after', message: 'unknown cursor' }],
  });
}

/**
 * The SQL pieces of one page, parameters numbered from `firstParam`:
 * `SELECT cols, ${p.keyColumns} FROM t WHERE scope ${p.where} ${p.orderLimit}` with `[...scope, ...p.params]`,
 * then `p.page(rows)` drops the look-ahead row and builds `next`.
 */
export function keyset(query: PageQuery, order: KeysetOrder, firstParam: number) {
  const id = order.id ?? 'id';
  const dir = order.descending ? 'DESC' : 'ASC';
  const after = query.after === undefined ? undefined : decodeCursor(query.after, order);
  const params: unknown[] = after ? [...after, query.limit + 1] : [query.limit + 1];
  const n = firstParam;
  return {
    keyColumns: `${order.key}::text AS "pageKey", ${id}::text AS "pageId"`,
    where: after
      ? `AND (${order.key}, ${id}) ${order.descending ? '<' : '>'} ($${n}::${order.keyType}, $${n + 1}::${order.idType ?? 'uuid'})`
      : '',
    orderLimit: `ORDER BY ${order.key} ${dir}, ${id} ${dir} LIMIT $${after ? n + 2 : n}`,
    params,
    /** The page's rows (without their `pageKey`) and the cursor after the last one, if more follow. */
    page<R extends KeysetRow>(rows: R[]): Page<Omit<R, keyof KeysetRow>> {
      const more = rows.length > query.limit;
      const items = rows.slice(0, query.limit);
      const last = items.at(-1);
      return {
        items: items.map(({ pageKey: _k, pageId: _i, ...row }) => row),
        next: more && last ? encodeCursor(last.pageKey, last.pageId) : null,
      };
    },
  };
}

export const mapPage = <A, B>(page: Page<A>, fn: (item: A) => B): Page<B> => ({ items: page.items.map(fn), next: page.next });
