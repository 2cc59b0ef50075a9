import type { Queryable } from '../../platform/db/db.port';
import type { Address, Order, OrderKind, OrderLine, OrderState, PaymentPurpose } from '../../contracts/sales-orders.schemas';

/** An order row as the services use it (dates as Date, bigints as numbers). */
export interface OrderRecord {
  id: string;
  shopId: string;
  buyerId: string;
  roomId: string | null;
  showId: string | null;
  kind: OrderKind;
  campaignId: string | null;
  state: OrderState;
  currency: Order['currency'];
  lines: OrderLine[];
  units: number;
  /** Units given back by partial refunds, per line (index as in `lines`; missing: 0). */
  returnedUnits: number[];
  subtotalMinor: number;
  discountMinor: number;
  totalMinor: number;
  depositMinor: number | null;
  depositWorthMinor: number | null;
  paidMinor: number;
  refundedMinor: number;
  couponClaimId: string | null;
  /** Null only for a gift not yet claimed: the friend gives the address when claiming it. */
  address: Address | null;
  /** Bought as a gift (the gifts context sends it to a friend). */
  gift: boolean;
  idempotencyKey: string | null;
  expiresAt: Date | null;
  balanceStartsAt: Date | null;
  balanceEndsAt: Date | null;
  carrier: string | null;
  trackingNumber: string | null;
  refundRequestedAt: Date | null;
  refundReason: string | null;
  createdAt: Date;
  paidAt: Date | null;
  shippedAt: Date | null;
  completedAt: Date | null;
  closedAt: Date | null;
}

const money = ['subtotalMinor', 'discountMinor', 'totalMinor', 'depositMinor', 'depositWorthMinor', 'paidMinor', 'refundedMinor'] as const;

export const orderColumns = `id, shop_id AS "shopId", buyer_id AS "buyerId", room_id AS "roomId", show_id AS "showId", kind,
  campaign_id AS "campaignId", state, currency, lines, units, returned_units AS "returnedUnits", subtotal_minor AS "subtotalMinor", discount_minor AS "discountMinor",
  total_minor AS "totalMinor", deposit_minor AS "depositMinor", deposit_worth_minor AS "depositWorthMinor",
  paid_minor AS "paidMinor", refunded_minor AS "refundedMinor", coupon_claim_id AS "couponClaimId", address, gift,
  idempotency_key AS "idempotencyKey", expires_at AS "expiresAt", balance_starts_at AS "balanceStartsAt",
  balance_ends_at AS "balanceEndsAt", carrier, tracking_number AS "trackingNumber",
  refund_requested_at AS "refundRequestedAt", refund_reason AS "refundReason", created_at AS "createdAt",
  paid_at AS "paidAt", shipped_at AS "shippedAt", completed_at AS "completedAt", closed_at AS "closedAt"`;

/** bigint columns arrive as strings (the Db port's promise); amounts here always fit a double exactly. */
export function fromRow(row: Record<string, unknown>): OrderRecord {
  const r = { ...row } as Record<string, unknown>;
  for (const k of money) if (r[k] !== null && r[k] !== undefined) r[k] = Number(r[k]);
  return r as unknown as OrderRecord;
}

/** What is due now: the whole order, the presale's deposit, or (in its window) its balance. */
export function dueOf(o: OrderRecord, now: Date): { purpose: PaymentPurpose; amountMinor: number } | null {
  if (o.state === 'pending_payment') {
    return o.kind === 'presale' ? { purpose: 'deposit', amountMinor: o.depositMinor! } : { purpose: 'full', amountMinor: o.totalMinor };
  }
  if (o.state === 'deposit_paid' && o.balanceStartsAt && o.balanceEndsAt && now >= o.balanceStartsAt && now < o.balanceEndsAt) {
    return { purpose: 'balance', amountMinor: o.totalMinor - o.paidMinor };
  }
  return null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toOrder(o: OrderRecord, now: Date): Order {
  return {
    id: o.id,
    shopId: o.shopId,
    roomId: o.roomId,
    showId: o.showId,
    kind: o.kind,
    campaignId: o.campaignId,
    state: o.state,
    currency: o.currency,
    lines: o.lines,
    units: o.units,
    returnedUnits: o.lines.map((_, i) => o.returnedUnits[i] ?? 0),
    subtotalMinor: o.subtotalMinor,
    discountMinor: o.discountMinor,
    totalMinor: o.totalMinor,
    depositMinor: o.depositMinor,
    depositWorthMinor: o.depositWorthMinor,
    paidMinor: o.paidMinor,
    refundedMinor: o.refundedMinor,
    due: dueOf(o, now),
    address: o.address,
    gift: o.gift,
    couponClaimId: o.couponClaimId,
    expiresAt: iso(o.expiresAt),
    balanceStartsAt: iso(o.balanceStartsAt),
    balanceEndsAt: iso(o.balanceEndsAt),
    carrier: o.carrier,
    trackingNumber: o.trackingNumber,
    refundRequestedAt: iso(o.refundRequestedAt),
    createdAt: o.createdAt.toISOString(),
    paidAt: iso(o.paidAt),
    shippedAt: iso(o.shippedAt),
    completedAt: iso(o.completedAt),
    closedAt: iso(o.closedAt),
  };
}

export type NewOrder = Omit<OrderRecord, 'returnedUnits' | 'paidMinor' | 'refundedMinor' | 'carrier' | 'trackingNumber' | 'refundRequestedAt' | 'refundReason' | 'paidAt' | 'shippedAt' | 'completedAt' | 'closedAt'>;

/** Timestamps a transition sets besides the state. */
export type OrderStamp = Partial<Pick<OrderRecord, 'paidAt' | 'shippedAt' | 'completedAt' | 'closedAt' | 'carrier' | 'trackingNumber'>> & {
  paidMinor?: number;
  refundedMinor?: number;
};

export const ordersRepo = {
  async insert(tx: Queryable, o: NewOrder): Promise<void> {
    await this.insertMany(tx, [o]);
  },

  /** Several orders in one statement (a flash sale's group commit); 24 parameters each, so keep batches to a few hundred. */
  async insertMany(tx: Queryable, orders: readonly NewOrder[]): Promise<void> {
    if (orders.length === 0) return;
    const params: unknown[] = [];
    const rows = orders.map((o) => {
      const at = params.length;
      params.push(
        o.id, o.shopId, o.buyerId, o.roomId, o.showId, o.kind, o.campaignId, o.state, o.currency, JSON.stringify(o.lines), o.units,
        o.subtotalMinor, o.discountMinor, o.totalMinor, o.depositMinor, o.depositWorthMinor, o.couponClaimId, o.address === null ? null : JSON.stringify(o.address),
        o.idempotencyKey, o.expiresAt, o.balanceStartsAt, o.balanceEndsAt, o.createdAt, o.gift,
      );
      // created_at ($23) is also the first updated_at.
      const p = (i: number) => `$${at + i}`;
      return `(${[...Array.from({ length: 23 }, (_, i) => p(i + 1)), p(23), p(24)].join(', ')})`;
    });
    await tx.query(
      `INSERT INTO orders (id, shop_id, buyer_id, room_id, show_id, kind, campaign_id, state, currency, lines, units,
         subtotal_minor, discount_minor, total_minor, deposit_minor, deposit_worth_minor, coupon_claim_id, address,
         idempotency_key, expires_at, balance_starts_at, balance_ends_at, created_at, updated_at, gift)
       VALUES ${rows.join(', ')}`,
      params,
    );
  },

  /** The order, locked for the caller's transaction when `lock` (every state change reads it so). */
  async get(q: Queryable, id: string, lock = false): Promise<OrderRecord | undefined> {
    const [row] = await q.query(`SELECT ${orderColumns} FROM orders WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    return row ? fromRow(row) : undefined;
  },

  /** Moves the order from `from` to `to` with its stamps; the row must be locked by the caller. */
  async transition(tx: Queryable, id: string, from: OrderState, to: OrderState, stamp: OrderStamp, now: Date): Promise<OrderRecord> {
    const [row] = await tx.query(
      `UPDATE orders SET state = $3, updated_at = $4,
         paid_at = COALESCE($5, paid_at), shipped_at = COALESCE($6, shipped_at), completed_at = COALESCE($7, completed_at),
         closed_at = COALESCE($8, closed_at), carrier = COALESCE($9, carrier), tracking_number = COALESCE($10, tracking_number),
         paid_minor = COALESCE($11, paid_minor), refunded_minor = COALESCE($12, refunded_minor)
       WHERE id = $1 AND state = $2 RETURNING ${orderColumns}`,
      [
        id, from, to, now, stamp.paidAt ?? null, stamp.shippedAt ?? null, stamp.completedAt ?? null, stamp.closedAt ?? null,
        stamp.carrier ?? null, stamp.trackingNumber ?? null, stamp.paidMinor ?? null, stamp.refundedMinor ?? null,
      ],
    );
    if (!row) throw new Error(`order ${id} was not in state ${from}: transitions must run on a locked row`);
    return fromRow(row);
  },

  async noteRefundRequest(q: Queryable, id: string, buyerId: string, reason: string, now: Date): Promise<OrderRecord | undefined> {
    const [row] = await q.query(
      `UPDATE orders SET refund_requested_at = $3, refund_reason = $4, updated_at = $3 WHERE id = $1 AND buyer_id = $2 RETURNING ${orderColumns}`,
      [id, buyerId, now, reason],
    );
    return row ? fromRow(row) : undefined;
  },

  /** Records units given back by a partial refund (the row is locked by the caller). */
  async setReturnedUnits(tx: Queryable, id: string, returned: readonly number[]): Promise<void> {
    await tx.query(`UPDATE orders SET returned_units = $2 WHERE id = $1`, [id, JSON.stringify(returned)]);
  },

  /** Unpaid orders past their deadline, locked; SKIP LOCKED lets several nodes sweep side by side. */
  async overdue(tx: Queryable, now: Date, limit: number): Promise<OrderRecord[]> {
    const rows = await tx.query(
      `SELECT ${orderColumns} FROM orders WHERE state = 'pending_payment' AND expires_at <= $1
       ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, limit],
    );
    return rows.map(fromRow);
  },
};
