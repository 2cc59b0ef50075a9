import type { Queryable } from '../platform/db/db.port';
import { keyset, type KeysetRow, type Page } from '../platform/db/keyset';
import type { PageQuery } from '../contracts/pagination.schemas';
import type { ShareChannel } from '../contracts/shares.schemas';

export interface ShareRow {
  code: string;
  shopId: string;
  targetKind: 'room' | 'product' | 'listing';
  roomId: string | null;
  productId: string | null;
  listingId: string | null;
  sharerId: string | null;
  channel: ShareChannel;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

export interface VisitRow {
  id: string;
  code: string;
  shopId: string;
  roomId: string | null;
  showId: string | null;
  visitorId: string;
  viewerId: string | null;
  at: Date;
}

const cols = (t = '') => `${t}code, ${t}shop_id AS "shopId", ${t}target_kind AS "targetKind", ${t}room_id AS "roomId",
  ${t}product_id AS "productId", ${t}listing_id AS "listingId", ${t}sharer_id AS "sharerId", ${t}channel, ${t}created_at AS "createdAt", ${t}expires_at AS "expiresAt",
  ${t}revoked_at AS "revokedAt"`;
const columns = cols();

export const sharesRepo = {
  async insert(db: Queryable, s: Omit<ShareRow, 'revokedAt'> & { showId: string | null }): Promise<ShareRow> {
    const [row] = await db.query<ShareRow>(
      `INSERT INTO shares (code, shop_id, target_kind, room_id, product_id, listing_id, sharer_id, channel, created_at, expires_at, show_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${columns}`,
      [s.code, s.shopId, s.targetKind, s.roomId, s.productId, s.listingId, s.sharerId, s.channel, s.createdAt, s.expiresAt, s.showId],
    );
    return row!;
  },

  async get(db: Queryable, code: string): Promise<ShareRow | undefined> {
    const [row] = await db.query<ShareRow>(`SELECT ${columns} FROM shares WHERE code = $1`, [code]);
    return row;
  },

  async revoke(db: Queryable, shopId: string, code: string, by: string | null, at: Date): Promise<ShareRow | undefined> {
    const [row] = await db.query<ShareRow>(
      `UPDATE shares SET revoked_at = COALESCE(revoked_at, $3), revoked_by = COALESCE(revoked_by, $4)
        WHERE shop_id = $1 AND code = $2 RETURNING ${columns}`,
      [shopId, code, at, by],
    );
    return row;
  },

  async insertVisit(db: Queryable, v: VisitRow): Promise<void> {
    await db.query(
      `INSERT INTO share_visits (id, code, shop_id, room_id, show_id, visitor_id, viewer_id, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [v.id, v.code, v.shopId, v.roomId, v.showId, v.visitorId, v.viewerId, v.at],
    );
  },

  /** A shop's shares, newest first, with their visit counts. */
  async pageOfShop(db: Queryable, shopId: string, query: PageQuery): Promise<Page<ShareRow & { visits: number }>> {
    const ks = keyset(query, { key: 's.created_at', keyType: 'timestamptz', id: 's.code', idType: 'text', descending: true }, 2);
    const rows = await db.query<ShareRow & { visits: number } & KeysetRow>(
      `SELECT ${cols('s.')}, ${ks.keyColumns},
              (SELECT count(*)::int FROM share_visits v WHERE v.code = s.code) AS visits
         FROM shares s WHERE s.shop_id = $1 ${ks.where} ${ks.orderLimit}`,
      [shopId, ...ks.params],
    );
    return ks.page(rows);
  },

  async countVisits(db: Queryable, code: string): Promise<number> {
    const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM share_visits WHERE code = $1`, [code]);
    return row?.n ?? 0;
  },

  /** Visits of one share, oldest first (tests and the shop's detail view). */
  async visitsOf(db: Queryable, code: string, limit = 1000): Promise<VisitRow[]> {
    return db.query<VisitRow>(
      `SELECT id, code, shop_id AS "shopId", room_id AS "roomId", show_id AS "showId", visitor_id AS "visitorId", viewer_id AS "viewerId", at
         FROM share_visits WHERE code = $1 ORDER BY at, id LIMIT $2`,
      [code, limit],
    );
  },
};
