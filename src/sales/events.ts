import type { Db, Queryable } from '../platform/db/db.port';
import type { Bus } from '../platform/bus/bus.port';
import type { Clock } from '../kernel/clock';
import { AppError } from '../kernel/app-error';
import type { OrderRecord } from './orders/orders.repo';
import type { OrderFacts, SalesEventBody, StoredSalesEvent } from '../contracts/sales-events.schemas';

/** The bus topic every node publishes committed sales events on (live, at-most-once: the outbox is the record). */
export const SALES_EVENTS_TOPIC = 'sales.events';

export const orderFacts = (o: OrderRecord): OrderFacts => ({
  orderId: o.id,
  buyerId: o.buyerId,
  roomId: o.roomId,
  showId: o.showId,
  kind: o.kind,
  campaignId: o.campaignId,
  state: o.state,
  currency: o.currency,
  totalMinor: o.totalMinor,
  paidMinor: o.paidMinor,
  refundedMinor: o.refundedMinor,
  units: o.units,
  lines: o.lines.map((l) => ({ productId: l.productId, skuId: l.skuId, quantity: l.quantity, unitPriceMinor: l.unitPriceMinor })),
});

/** Events of one unit of work: written to the outbox in its transaction, told to the world after it commits. */
export interface EventBatch {
  emit(tx: Queryable, shopId: string, subjectId: string, event: SalesEventBody): Promise<void>;
  /** Several events in one statement (a flash sale's group commit), in the order given. */
  emitMany(tx: Queryable, events: readonly { shopId: string; subjectId: string; event: SalesEventBody }[]): Promise<void>;
  /** Publishes what was emitted; call only once the transaction has committed. */
  publish(): void;
}

interface OutboxRow {
  id: string;
  txid: string;
  shopId: string;
  type: string;
  subjectId: string;
  payload: unknown;
  createdAt: Date;
}

const encodeCursor = (txid: string, id: string) => Buffer.from(`${txid}:${id}`).toString('base64url');
function decodeCursor(cursor: string): [string, string] {
  const m = /^(\d{1,20}):(\d{1,20})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw new AppError('HTTP_VALIDATION_FAILED', 'The outbox cursor is not one this outbox gave out.');
  return [m[1]!, m[2]!];
}

/**
 * The sales outbox and event fan-out. `read` returns committed events in a stable order with no
 * gaps: rows are ordered by (transaction id, id) and only those of transactions older than the
 * oldest one still running are returned, so a transaction committing late with a smaller id is
 * read after, never skipped (COMMERCE-NOTES §6 "gap hazard").
 */
export function createSalesEvents({ db, bus, clock, log }: { db: Db; bus: Bus; clock: Clock; log: { error(o: object, m: string): void } }) {
  const listeners = new Set<(e: StoredSalesEvent) => void>();

  function tell(e: StoredSalesEvent): void {
    for (const l of listeners) {
      try {
        l(e);
      } catch (err) {
        log.error({ err, type: e.type }, 'a sales event listener failed');
      }
    }
    bus.publish(SALES_EVENTS_TOPIC, e).catch((err) => log.error({ err, type: e.type }, 'publishing a sales event failed'));
  }

  return {
    batch(): EventBatch {
      const pending: StoredSalesEvent[] = [];
      return {
        async emit(tx, shopId, subjectId, event) {
          const at = clock.now();
          const [row] = await tx.query<{ id: string }>(
            `INSERT INTO sales_outbox (shop_id, type, subject_id, payload, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
            [shopId, event.type, subjectId, JSON.stringify(event.data), at],
          );
          pending.push({ ...event, id: row!.id, shopId, subjectId, at: at.toISOString() } as StoredSalesEvent);
        },
        async emitMany(tx, events) {
          if (events.length === 0) return;
          const at = clock.now();
          // Ids are drawn as the rows come out of the SELECT, in the order given: sorted, they match it.
          const rows = await tx.query<{ id: string }>(
            `INSERT INTO sales_outbox (shop_id, type, subject_id, payload, created_at)
             SELECT s, t, j, p::jsonb, $5 FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[]) WITH ORDINALITY AS e(s, t, j, p, n) ORDER BY n
             RETURNING id`,
            [events.map((e) => e.shopId), events.map((e) => e.event.type), events.map((e) => e.subjectId), events.map((e) => JSON.stringify(e.event.data)), at],
          );
          const ids = rows.map((r) => BigInt(r.id)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
          events.forEach((e, i) => pending.push({ ...e.event, id: String(ids[i]), shopId: e.shopId, subjectId: e.subjectId, at: at.toISOString() } as StoredSalesEvent));
        },
        publish() {
          for (const e of pending.splice(0)) tell(e);
        },
      };
    },

    /** Called with every event this node commits, after the commit (the room announcer, the buyer role). */
    onEvent(listener: (e: StoredSalesEvent) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    /**
     * Committed events after `after` (a cursor from a previous read; none: from the start), oldest
     * first, at most `limit`. For readers in other contexts (webhooks, analytics): each keeps its cursor.
     */
    async read(options: { after?: string; limit: number; shopId?: string }): Promise<{ events: StoredSalesEvent[]; next: string | null }> {
      const [txid, id] = options.after ? decodeCursor(options.after) : ['0', '0'];
      const rows = await db.query<OutboxRow>(
        `SELECT id, txid::text AS txid, shop_id AS "shopId", type, subject_id AS "subjectId", payload, created_at AS "createdAt"
           FROM sales_outbox
          WHERE (txid, id) > ($1::xid8, $2::bigint) AND txid < pg_snapshot_xmin(pg_current_snapshot())
            AND ($4::uuid IS NULL OR shop_id = $4)
          ORDER BY txid, id LIMIT $3`,
        [txid, id, options.limit, options.shopId ?? null],
      );
      const events = rows.map(
        (r) => ({ type: r.type, data: r.payload, id: r.id, shopId: r.shopId, subjectId: r.subjectId, at: r.createdAt.toISOString() }) as StoredSalesEvent,
      );
      const last = rows.at(-1);
      return { events, next: last ? encodeCursor(last.txid, last.id) : options.after ?? null };
    },
  };
}

export type SalesEvents = ReturnType<typeof createSalesEvents>;
