import { stringify } from 'csv-stringify/sync';
import type { Db } from '../../platform/db/db.port';
import { keyset, mapPage, type KeysetRow, type Page } from '../../platform/db/keyset';
import type { Clock } from '../../kernel/clock';
import { AppError } from '../../kernel/app-error';
import { formatMinor } from '../../kernel/money';
import type { PageQuery } from '../../contracts/pagination.schemas';
import type { Order, ShopOrder, ShopOrdersFilter, ShowSales } from '../../contracts/sales-orders.schemas';
import { fromRow, orderColumns, toOrder, type OrderRecord } from './orders.repo';

const NEWEST_FIRST = { key: 'created_at', keyType: 'timestamptz', descending: true } as const;
/** Rows per statement while exporting: the CSV of a big shop streams page by page. */
const EXPORT_PAGE = 500;

/** What the merchant's and the buyer's order screens read. Every shop query names the shop. */
export function createOrderQueries(deps: { db: Db; clock: Clock; displayNames(ids: readonly string[]): Promise<Map<string, string>> }) {
  const { db, clock } = deps;

  function where(shopId: string, f: ShopOrdersFilter): { sql: string; params: unknown[] } {
    const params: unknown[] = [shopId];
    const parts = ['shop_id = $1'];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      parts.push(sql.replace('?', `$${params.length}`));
    };
    if (f.state) add('state = ?', f.state);
    if (f.showId) add('show_id = ?', f.showId);
    if (f.from) add('created_at >= ?', new Date(f.from));
    if (f.to) add('created_at < ?', new Date(f.to));
    if (f.buyerId) add('buyer_id = ?', f.buyerId);
    return { sql: parts.join(' AND '), params };
  }

  async function page(shopId: string, f: ShopOrdersFilter, q: PageQuery): Promise<Page<OrderRecord>> {
    const w = where(shopId, f);
    const ks = keyset(q, NEWEST_FIRST, w.params.length + 1);
    const rows = await db.query<Record<string, unknown> & KeysetRow>(
      `SELECT ${orderColumns}, ${ks.keyColumns} FROM orders WHERE ${w.sql} ${ks.where} ${ks.orderLimit}`,
      [...w.params, ...ks.params],
    );
    return mapPage(ks.page(rows), fromRow);
  }

  async function withBuyers(records: OrderRecord[]): Promise<ShopOrder[]> {
    const names = await deps.displayNames([...new Set(records.map((r) => r.buyerId))]);
    const now = clock.now();
    return records.map((r) => ({ ...toOrder(r, now), buyer: { id: r.buyerId, displayName: names.get(r.buyerId) ?? '' } }));
  }

  return {
    async ofBuyer(buyerId: string, orderId: string): Promise<Order> {
      const [row] = await db.query(`SELECT ${orderColumns} FROM orders WHERE id = $1 AND buyer_id = $2`, [orderId, buyerId]);
      if (!row) throw new AppError('SALES_ORDER_NOT_FOUND');
      return toOrder(fromRow(row), clock.now());
    },

    async listOfBuyer(buyerId: string, q: PageQuery): Promise<Page<Order>> {
      const ks = keyset(q, NEWEST_FIRST, 2);
      const rows = await db.query<Record<string, unknown> & KeysetRow>(
        `SELECT ${orderColumns}, ${ks.keyColumns} FROM orders WHERE buyer_id = $1 ${ks.where} ${ks.orderLimit}`,
        [buyerId, ...ks.params],
      );
      const now = clock.now();
      return mapPage(ks.page(rows), (r) => toOrder(fromRow(r), now));
    },

    async ofShop(shopId: string, orderId: string): Promise<ShopOrder> {
      const [row] = await db.query(`SELECT ${orderColumns} FROM orders WHERE id = $1 AND shop_id = $2`, [orderId, shopId]);
      if (!row) throw new AppError('SALES_ORDER_NOT_FOUND');
      return (await withBuyers([fromRow(row)]))[0]!;
    },

    async listOfShop(shopId: string, f: ShopOrdersFilter, q: PageQuery): Promise<Page<ShopOrder>> {
      const p = await page(shopId, f, q);
      return { items: await withBuyers(p.items), next: p.next };
    },

    /** Every order matching the filter as CSV (amounts in major units, formulas escaped), one page of rows at a time. */
    async *csv(shopId: string, f: ShopOrdersFilter): AsyncGenerator<string> {
      yield stringify([[
        'order', 'created_at', 'state', 'kind', 'buyer', 'buyer_id', 'show_id', 'room_id', 'items', 'units', 'currency',
        'subtotal', 'discount', 'total', 'paid', 'refunded', 'carrier', 'tracking_number', 'ship_to', 'phone', 'address',
      ]]);
      let after: string | undefined;
      do {
        const p = await page(shopId, f, { limit: EXPORT_PAGE, after });
        const orders = await withBuyers(p.items);
        yield stringify(
          orders.map((o) => [
            o.id, o.createdAt, o.state, o.kind, o.buyer.displayName, o.buyer.id, o.showId ?? '', o.roomId ?? '',
            o.lines.map((l) => `${l.title}${l.skuLabel ? ` (${l.skuLabel})` : ''} × ${l.quantity}`).join('; '), o.units, o.currency,
            formatMinor(o.subtotalMinor), formatMinor(o.discountMinor), formatMinor(o.totalMinor), formatMinor(o.paidMinor),
            formatMinor(o.refundedMinor), o.carrier ?? '', o.trackingNumber ?? '', o.address?.name ?? '', o.address?.phone ?? '',
            o.address ? `${o.address.region} ${o.address.city} ${o.address.line1} ${o.address.postcode}`.trim() : '',
          ]),
          // A cell starting with = + - @ would run as a formula in a spreadsheet: escaped.
          { escape_formulas: true },
        );
        after = p.next ?? undefined;
      } while (after);
    },

    /** Orders, units and GMV of each of the shop's shows (newest sales first), a page at a time. */
    async byShow(shopId: string, q: PageQuery, showId?: string): Promise<Page<ShowSales>> {
      const ks = keyset(q, { key: 'max(created_at)', keyType: 'timestamptz', id: 'show_id', descending: true }, 3);
      const rows = await db.query<Record<string, unknown> & KeysetRow>(
        `SELECT show_id AS "showId", currency, count(*)::int AS orders,
                count(*) FILTER (WHERE paid_minor > 0)::int AS "paidOrders",
                COALESCE(sum(units) FILTER (WHERE paid_minor > 0), 0)::int AS units,
                COALESCE(sum(paid_minor), 0)::text AS "gmvMinor", COALESCE(sum(refunded_minor), 0)::text AS "refundedMinor",
                max(created_at) AS "lastOrderAt", ${ks.keyColumns}
           FROM orders WHERE shop_id = $1 AND show_id IS NOT NULL AND ($2::uuid IS NULL OR show_id = $2)
          GROUP BY show_id, currency HAVING true ${ks.where} ${ks.orderLimit}`,
        [shopId, showId ?? null, ...ks.params],
      );
      return mapPage(ks.page(rows), (r) => ({
        showId: r.showId as string, currency: r.currency as ShowSales['currency'], orders: r.orders as number,
        paidOrders: r.paidOrders as number, units: r.units as number, gmvMinor: Number(r.gmvMinor), refundedMinor: Number(r.refundedMinor),
        lastOrderAt: (r.lastOrderAt as Date).toISOString(),
      }));
    },
  };
}

export type OrderQueries = ReturnType<typeof createOrderQueries>;
