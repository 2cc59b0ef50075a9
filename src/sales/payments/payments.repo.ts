import type { Queryable } from '../../platform/db/db.port';
import type { Payment, PaymentPurpose } from '../../contracts/sales-orders.schemas';

export interface PaymentRecord {
  id: string;
  shopId: string;
  orderId: string;
  buyerId: string;
  purpose: PaymentPurpose;
  provider: string;
  amountMinor: number;
  currency: Payment['currency'];
  state: Payment['state'];
  providerRef: string | null;
  refundedMinor: number;
  createdAt: Date;
  settledAt: Date | null;
}

const columns = `id, shop_id AS "shopId", order_id AS "orderId", buyer_id AS "buyerId", purpose, provider, amount_minor AS "amountMinor",
  currency, state, provider_ref AS "providerRef", refunded_minor AS "refundedMinor", created_at AS "createdAt", settled_at AS "settledAt"`;

const fromRow = (r: Record<string, unknown>): PaymentRecord =>
  ({ ...r, amountMinor: Number(r.amountMinor), refundedMinor: Number(r.refundedMinor) }) as PaymentRecord;

export const toPayment = (p: PaymentRecord, publicUrl: string): Payment => ({
  id: p.id,
  orderId: p.orderId,
  purpose: p.purpose,
  provider: p.provider,
  amountMinor: p.amountMinor,
  currency: p.currency,
  state: p.state,
  payUrl: `${publicUrl}/pay/${p.id}`,
  createdAt: p.createdAt.toISOString(),
});

export const paymentsRepo = {
  async insert(tx: Queryable, p: Omit<PaymentRecord, 'state' | 'providerRef' | 'refundedMinor' | 'settledAt'>): Promise<PaymentRecord> {
    const [row] = await tx.query(
      `INSERT INTO payments (id, shop_id, order_id, buyer_id, purpose, provider, amount_minor, currency, state, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', $9) RETURNING ${columns}`,
      [p.id, p.shopId, p.orderId, p.buyerId, p.purpose, p.provider, p.amountMinor, p.currency, p.createdAt],
    );
    return fromRow(row!);
  },

  async get(q: Queryable, id: string, lock = false): Promise<PaymentRecord | undefined> {
    const [row] = await q.query(`SELECT ${columns} FROM payments WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    return row ? fromRow(row) : undefined;
  },

  async ofOrder(q: Queryable, orderId: string): Promise<PaymentRecord[]> {
    return (await q.query(`SELECT ${columns} FROM payments WHERE order_id = $1 ORDER BY created_at LIMIT 50`, [orderId])).map(fromRow);
  },

  async settle(tx: Queryable, id: string, state: 'succeeded' | 'failed' | 'refunded', providerRef: string, now: Date): Promise<void> {
    await tx.query(`UPDATE payments SET state = $2, provider_ref = $3, settled_at = $4 WHERE id = $1 AND state = 'pending'`, [id, state, providerRef, now]);
  },

  /** Whether the order already has a succeeded payment for this purpose (the unique index's question, asked first). */
  async succeededFor(tx: Queryable, orderId: string, purpose: PaymentPurpose): Promise<boolean> {
    return (await tx.query(`SELECT 1 FROM payments WHERE order_id = $1 AND purpose = $2 AND state = 'succeeded'`, [orderId, purpose])).length > 0;
  },

  /** Records a verified callback by the provider's event id; false when it was seen before (a replay or a retry). */
  async noteCallback(tx: Queryable, provider: string, eventId: string, paymentId: string, outcome: string, now: Date): Promise<boolean> {
    const rows = await tx.query(
      `INSERT INTO payment_callbacks (provider, event_id, payment_id, outcome, received_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (provider, event_id) DO NOTHING RETURNING 1`,
      [provider, eventId, paymentId, outcome, now],
    );
    return rows.length > 0;
  },
};
