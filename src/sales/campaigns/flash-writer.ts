import type { Db } from '../../platform/db/db.port';
import type { Clock } from '../../kernel/clock';
import type { Address } from '../../contracts/sales-orders.schemas';
import type { SalesEvents } from '../events';
import { orderFacts } from '../events';
import type { Answer, Idempotency } from '../idempotency';
import { ordersRepo, toOrder, type OrderRecord } from '../orders/orders.repo';
import { campaignsRepo, type CampaignRecord } from './campaigns.repo';

/** A purchase the gate let through, waiting for its order to be written. */
export interface Winner {
  buyerId: string;
  key: string;
  fingerprint: string;
  quantity: number;
  address: Address;
  showId: string | null;
  orderId: string;
}

/** A winner's order, committed; `left` is the sale's units left after the transaction that wrote it. */
export interface Written {
  order: OrderRecord;
  answer: Answer;
  left: number;
}

/** The order a flash-sale purchase makes: the sale's price and snapshot, unpaid until `orderTtlMs` from now. */
export function flashOrder(c: CampaignRecord, w: Winner, now: Date, orderTtlMs: number): OrderRecord {
  const line = { productId: c.productId, skuId: c.skuId, title: c.title, skuLabel: c.skuLabel, imageUrl: c.imageUrl, unitPriceMinor: c.priceMinor, quantity: w.quantity };
  return {
    id: w.orderId, shopId: c.shopId, buyerId: w.buyerId, roomId: c.roomId, showId: w.showId, kind: 'flash', campaignId: c.id, state: 'pending_payment',
    currency: c.currency, lines: [line], units: w.quantity, returnedUnits: [], subtotalMinor: c.priceMinor * w.quantity, discountMinor: 0,
    totalMinor: c.priceMinor * w.quantity, depositMinor: null, depositWorthMinor: null, paidMinor: 0, refundedMinor: 0,
    couponClaimId: null, address: w.address, gift: false, idempotencyKey: w.key, expiresAt: new Date(now.getTime() + orderTtlMs),
    balanceStartsAt: null, balanceEndsAt: null, carrier: null, trackingNumber: null, refundRequestedAt: null, refundReason: null,
    createdAt: now, paidAt: null, shippedAt: null, completedAt: null, closedAt: null,
  };
}

/** Most winners written in one transaction: 24 parameters per order row keeps a batch far below PostgreSQL's 65,535. */
export const FLASH_BATCH_MAX = 200;

interface Waiting {
  winner: Winner;
  resolve(w: Written): void;
  reject(err: unknown): void;
}

class BatchRefused extends Error {}

/**
 * The group commit of a flash sale's winners. On the embedded PGlite every statement runs on the
 * event loop one at a time, and on PostgreSQL every winner of one sale waits for the sale row's lock:
 * either way a transaction per order caps orders at what one row and one connection allow. So the
 * winners of a sale that arrive while its previous batch is being written are written together, in
 * one transaction of five statements whatever their number — the sale's conditional UPDATE for all
 * their units, one upsert of the buyers' rows within the limit, the orders, their idempotency
 * answers, their `order.created` events — and each buyer is answered after that commit. Nothing
 * waits for a batch to fill: a batch is written at the end of the event loop's turn in which its
 * first winner arrived, the next one with whoever arrived meanwhile.
 *
 * The database keeps the last word: if any order of a batch would oversell, go over a limit, or
 * meet a key that already has an answer (the gate was wrong), the batch rolls back whole and each
 * of its winners is written alone by `one` — the single-order transaction, which refuses exactly
 * the ones that do not fit and answers each as before.
 */
export function createFlashWriter(deps: {
  db: Db;
  clock: Clock;
  idempotency: Idempotency;
  events: SalesEvents;
  orderTtlMs: number;
  /** Writes one winner in its own transaction (and publishes its events), or throws as a lone purchase would. */
  one(c: CampaignRecord, w: Winner): Promise<Written>;
  maxBatch?: number;
}) {
  const max = deps.maxBatch ?? FLASH_BATCH_MAX;
  const queues = new Map<string, Waiting[]>();

  async function writeBatch(c: CampaignRecord, batch: Waiting[]): Promise<Written[]> {
    const events = deps.events.batch();
    const written = await deps.db.transaction(async (tx) => {
      const now = deps.clock.now();
      const perBuyer = new Map<string, number>();
      for (const { winner } of batch) perBuyer.set(winner.buyerId, (perBuyer.get(winner.buyerId) ?? 0) + winner.quantity);
      const taken = await campaignsRepo.takeMany(tx, c, perBuyer, now);
      if (!taken.ok) throw new BatchRefused();
      const orders = batch.map(({ winner }) => flashOrder(c, winner, now, deps.orderTtlMs));
      await ordersRepo.insertMany(tx, orders);
      const answers = orders.map((order): Answer => ({ status: 201, body: { order: toOrder(order, now) } }));
      const recorded = await deps.idempotency.recordMany(
        tx,
        batch.map(({ winner }, i) => ({ scope: `u:${winner.buyerId}`, key: winner.key, fp: winner.fingerprint, answer: answers[i]! })),
      );
      if (!recorded) throw new BatchRefused();
      await events.emitMany(tx, orders.map((order) => ({ shopId: c.shopId, subjectId: order.id, event: { type: 'order.created', data: orderFacts(order) } })));
      return orders.map((order, i) => ({ order, answer: answers[i]!, left: taken.units - taken.sold }));
    });
    events.publish();
    return written;
  }

  async function drain(c: CampaignRecord, queue: Waiting[]): Promise<void> {
    for (;;) {
      // Forgotten in the same step that finds it empty: a winner arriving later starts a new queue.
      if (queue.length === 0) {
        queues.delete(c.id);
        return;
      }
      const batch = queue.splice(0, max);
      if (batch.length === 1) {
        // Alone: the single-order transaction is the same work without the batch's arrays.
        await deps.one(c, batch[0]!.winner).then(batch[0]!.resolve, batch[0]!.reject);
        continue;
      }
      try {
        const written = await writeBatch(c, batch);
        batch.forEach((w, i) => w.resolve(written[i]!));
      } catch {
        // Refused by the database, or failed: nothing of it committed. Each winner alone gets the
        // answer it would have had without the batch (its own refusal, its replay, or its error).
        for (const w of batch) await deps.one(c, w.winner).then(w.resolve, w.reject);
      }
    }
  }

  return {
    /** Writes a winner's order with the others of its sale waiting now; resolves after the commit. */
    write(c: CampaignRecord, winner: Winner): Promise<Written> {
      return new Promise<Written>((resolve, reject) => {
        const waiting = { winner, resolve, reject };
        const queue = queues.get(c.id);
        if (queue) {
          queue.push(waiting);
          return;
        }
        const fresh = [waiting];
        queues.set(c.id, fresh);
        // After this turn of the event loop: the winners that arrived with this one join its batch
        // (PGlite answers within the turn, so "while a batch is written" alone would gather none).
        setImmediate(() => void drain(c, fresh));
      });
    },
  };
}

export type FlashWriter = ReturnType<typeof createFlashWriter>;
