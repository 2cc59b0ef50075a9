import type { Queryable } from '../platform/db/db.port';
import { keyset, type KeysetRow, type Page } from '../platform/db/keyset';
import type { PageQuery } from '../contracts/pagination.schemas';
import type { GiftKind, GiftState, GiftWhat } from '../contracts/gifts.schemas';

export interface GiftRow {
  id: string;
  code: string;
  shopId: string;
  senderId: string;
  kind: GiftKind;
  couponClaimId: string | null;
  orderId: string | null;
  what: GiftWhat;
  message: string | null;
  state: GiftState;
  createdAt: Date;
  expiresAt: Date;
  claimedBy: string | null;
  claimedAt: Date | null;
  returnedAt: Date | null;
}

const columns = `id, code, shop_id AS "shopId", sender_id AS "senderId", kind, coupon_claim_id AS "couponClaimId", order_id AS "orderId",
  what, message, state, created_at AS "createdAt", expires_at AS "expiresAt", claimed_by AS "claimedBy", claimed_at AS "claimedAt",
  returned_at AS "returnedAt"`;

export const giftsRepo = {
  async insert(q: Queryable, g: Omit<GiftRow, 'state' | 'claimedBy' | 'claimedAt' | 'returnedAt'>): Promise<GiftRow> {
    const [row] = await q.query<GiftRow>(
      `INSERT INTO gifts (id, code, shop_id, sender_id, kind, coupon_claim_id, order_id, what, message, state, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'open', $10, $11) RETURNING ${columns}`,
      [g.id, g.code, g.shopId, g.senderId, g.kind, g.couponClaimId, g.orderId, JSON.stringify(g.what), g.message, g.createdAt, g.expiresAt],
    );
    return row!;
  },

  async byCode(q: Queryable, code: string): Promise<GiftRow | undefined> {
    return (await q.query<GiftRow>(`SELECT ${columns} FROM gifts WHERE code = $1`, [code]))[0];
  },

  async byId(q: Queryable, id: string): Promise<GiftRow | undefined> {
    return (await q.query<GiftRow>(`SELECT ${columns} FROM gifts WHERE id = $1`, [id]))[0];
  },

  /** The open gift offering this coupon claim, or any gift of this order (a retried send finds it). */
  async existing(q: Queryable, by: { couponClaimId: string } | { orderId: string }): Promise<GiftRow | undefined> {
    const sql = 'couponClaimId' in by ? `coupon_claim_id = $1 AND state = 'open'` : `order_id = $1`;
    return (await q.query<GiftRow>(`SELECT ${columns} FROM gifts WHERE ${sql}`, ['couponClaimId' in by ? by.couponClaimId : by.orderId]))[0];
  },

  /**
   * The claim: one conditional UPDATE. Racing claims queue on the row's lock and the first to
   * commit wins; every other finds `state` no longer open and changes nothing.
   */
  async take(tx: Queryable, id: string, claimedBy: string, now: Date): Promise<GiftRow | undefined> {
    return (
      await tx.query<GiftRow>(
        `UPDATE gifts SET state = 'claimed', claimed_by = $2, claimed_at = $3 WHERE id = $1 AND state = 'open' AND expires_at > $3 RETURNING ${columns}`,
        [id, claimedBy, now],
      )
    )[0];
  },

  /** An open gift whose window has passed goes back; the same conditional shape keeps it exclusive with a claim. */
  async giveBack(tx: Queryable, id: string, now: Date): Promise<GiftRow | undefined> {
    return (
      await tx.query<GiftRow>(
        `UPDATE gifts SET state = 'returned', returned_at = $2 WHERE id = $1 AND state = 'open' AND expires_at <= $2 RETURNING ${columns}`,
        [id, now],
      )
    )[0];
  },

  /** Open gifts past their window, oldest first. */
  async due(q: Queryable, now: Date, limit: number): Promise<string[]> {
    const rows = await q.query<{ id: string }>(`SELECT id FROM gifts WHERE state = 'open' AND expires_at <= $1 ORDER BY expires_at LIMIT $2`, [now, limit]);
    return rows.map((r) => r.id);
  },

  /** A sender's gifts, newest first. */
  async pageOfSender(q: Queryable, senderId: string, query: PageQuery): Promise<Page<GiftRow>> {
    const ks = keyset(query, { key: 'created_at', keyType: 'timestamptz', descending: true }, 2);
    const rows = await q.query<GiftRow & KeysetRow>(`SELECT ${columns}, ${ks.keyColumns} FROM gifts WHERE sender_id = $1 ${ks.where} ${ks.orderLimit}`, [senderId, ...ks.params]);
    return ks.page(rows);
  },
};
