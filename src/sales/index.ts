/**
 * Sales: orders (a transition table), payments through a provider port (a sandbox built in), flash
 * sales and presales holding their own units, coupons, buyers' addresses, idempotency keys and the
 * outbox (docs/sales.md). Other contexts read what happened through `outbox.read` and `onEvent`,
 * never through sales' tables.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../platform/db/db.port';
import type { Bus } from '../platform/bus/bus.port';
import type { StockGate } from '../platform/gate/gate.port';
import type { Clock } from '../kernel/clock';
import type { Product } from '../contracts/catalog.schemas';
import type { PageQuery } from '../contracts/pagination.schemas';
import type { Page } from '../platform/db/keyset';
import type { RoomEvent } from '../contracts/room-events.schemas';
import type { Access } from '../identity';
import type { Stock } from '../catalog';
import { createAddresses } from './addresses';
import { createAnnouncer } from './campaigns/announcer';
import { createCampaignClock } from './campaigns/campaign-clock';
import { campaignsRepo } from './campaigns/campaigns.repo';
import { createCampaigns } from './campaigns/campaigns.service';
import { campaignsRoutes } from './campaigns/campaigns.routes';
import { createFlashPurchase, type CampaignTake } from './campaigns/flash-purchase';
import { createPresaleOrder } from './campaigns/presale-order';
import { createCoupons } from './coupons/coupons.service';
import { couponsRoutes } from './coupons/coupons.routes';
import { createSalesEvents } from './events';
import { createIdempotency } from './idempotency';
import { createCloseUnpaid } from './orders/close-unpaid';
import { createFulfilment } from './orders/fulfil';
import { createOrderQueries } from './orders/order-queries';
import { buyerOrdersRoutes } from './orders/orders.routes';
import { createPlaceOrder } from './orders/place-order';
import { shopOrdersRoutes } from './orders/shop-orders.routes';
import { createUnits } from './orders/units';
import type { PaymentProvider } from './payments/payment.port';
import { createPayments } from './payments/payments.service';
import { payLinkRoutes, paymentsRoutes } from './payments/payments.routes';
import { createRefunds } from './payments/refunds';
import { createSandboxProvider } from './payments/sandbox.provider';
import { sandboxRoutes } from './payments/sandbox.routes';
import { createSweeper } from './sweeper';
import { createAlarm } from './alarm';
import { createGiftHolds } from './gift-holds';
import { createLiveShowLookup } from './live-show';
import { stockRoutes } from './stock.routes';

export { SALES_EVENTS_TOPIC } from './events';
export type { PaymentProvider, PaymentNotice, RefundRequest, CheckoutRequest } from './payments/payment.port';
export type { CampaignTake } from './campaigns/flash-purchase';
export { signSandbox, SANDBOX_SIGNATURE_HEADER } from './payments/sandbox.provider';
export type { GiftHolds, GiftCoupon, GiftOrder } from './gift-holds';

export interface SalesDeps {
  db: Db;
  bus: Bus;
  clock: Clock;
  /** The stock gate in front of flash sales; null: the database decides every attempt (the bench's baseline). */
  gate: StockGate | null;
  /** How the database takes a flash sale's units; the bench swaps in a row-locking one. */
  flashTake?: CampaignTake;
  products: { get(shopId: string, id: string): Promise<Product>; list(shopId: string, page: PageQuery): Promise<Page<Product>> };
  stock: Stock;
  rooms: { byId(id: string): Promise<{ id: string; shopId: string }>; bySlug(slug: string): Promise<{ id: string; shopId: string }> };
  liveShowOf(roomId: string): Promise<string | null>;
  displayNames(ids: readonly string[]): Promise<Map<string, string>>;
  /** The room event channel (realtime). */
  announce(roomId: string, event: RoomEvent): Promise<void>;
  log: { info(o: object, m: string): void; warn(o: object, m: string): void; error(o: object, m: string): void };
  options: {
    orderTtlMs: number;
    publicUrl: string;
    /** The sandbox provider's signing key (read when first needed). */
    sandboxSecret: () => string;
    /** Where the sandbox delivers its callbacks (this hutong's own address). */
    notifyUrl: () => string;
    /** How often coalesced room news goes out (the room's tick). */
    announceMs: number;
    /** With several nodes, how often each looks for work the others scheduled; null for a sole node (PGlite). */
    pollMs: number | null;
    /** Crash tests only: points where purchases hang (HUTONG_TEST_PAUSE_AT). */
    pauseAt?: readonly string[];
  };
}

export function createSales(deps: SalesDeps) {
  const { db, clock, log } = deps;
  const events = createSalesEvents({ db, bus: deps.bus, clock, log });
  const alarm = createAlarm();
  const due = alarm.set;
  const idempotency = createIdempotency({ db, clock, due });
  const announcer = createAnnouncer({ announce: deps.announce, tickMs: deps.options.announceMs, log });
  const sandbox = createSandboxProvider({ secret: deps.options.sandboxSecret, publicUrl: deps.options.publicUrl });
  const providers = new Map<string, PaymentProvider>([[sandbox.name, sandbox]]);
  const addresses = createAddresses({ db, clock });
  const address = (buyerId: string, body: Parameters<typeof addresses.resolve>[1]) => addresses.resolve(buyerId, body);
  const coupons = createCoupons({ db, clock, events, announce: deps.announce });
  const units = createUnits({ stock: deps.stock, gate: deps.gate ?? noGate, stockLeft: (c) => announcer.stockLeft(c.roomId, c.campaignId, c.left), log });
  const refunds = createRefunds({ db, clock, idempotency, events, units, providers, due, log });
  const lifecycle = createCampaignClock({ db, clock, events, stock: deps.stock, units, refunds, gate: deps.gate, announcer, log });
  const campaigns = createCampaigns({ db, clock, events, products: deps.products, stock: deps.stock, rooms: deps.rooms, lifecycle, due });
  const closeUnpaid = createCloseUnpaid({ db, clock, idempotency, events, units, coupons: coupons.forOrders, log });
  const payments = createPayments({ db, clock, idempotency, events, refunds, providers, publicUrl: deps.options.publicUrl, log });
  const orderTtlMs = deps.options.orderTtlMs;
  const liveShows = createLiveShowLookup(deps.liveShowOf, () => Date.now());
  const liveShowOf = liveShows.of;
  const placeOrder = createPlaceOrder({
    clock, idempotency, events, products: deps.products, stock: deps.stock, rooms: deps.rooms, liveShowOf,
    address, coupons: coupons.forOrders, orderTtlMs, due,
  });
  const flashPurchase = createFlashPurchase({
    db, clock, gate: deps.gate, take: deps.flashTake ?? campaignsRepo.take.bind(campaignsRepo), idempotency, events, announcer,
    liveShowOf, address, orderTtlMs, due, log, pause: pauseAt(deps.options.pauseAt ?? [], log),
  });
  const depositOrder = createPresaleOrder({
    clock, idempotency, events, announcer, campaign: (id) => campaignsRepo.get(db, id), liveShowOf, address, orderTtlMs, due,
  });
  const fulfilment = createFulfilment({ clock, idempotency, events });
  const queries = createOrderQueries({ db, clock, displayNames: deps.displayNames });
  const sweeper = createSweeper({ db, clock, lifecycle, closeUnpaid, refunds, idempotency, pollMs: deps.options.pollMs, log });
  alarm.onSet(sweeper.expect);

  /** The API under /api/v1. */
  const routes: FastifyPluginAsync<{ access: Access }> = async (app, { access }) => {
    await app.register(buyerOrdersRoutes, { access, placeOrder, closeUnpaid, fulfilment, queries, addresses });
    await app.register(shopOrdersRoutes, { access, closeUnpaid, fulfilment, refunds, queries });
    await app.register(paymentsRoutes, { access, payments });
    await app.register(campaignsRoutes, { access, campaigns, coupons, flashPurchase, depositOrder, roomBySlug: deps.rooms.bySlug });
    await app.register(couponsRoutes, { access, coupons });
    await app.register(stockRoutes, { access, db, products: deps.products, stock: deps.stock });
  };
  /** The pay link and the sandbox's hosted page, at the root. */
  const rootRoutes: FastifyPluginAsync = async (app) => {
    await app.register(payLinkRoutes, { payments });
    await app.register(sandboxRoutes, { sandbox, payments, notifyUrl: deps.options.notifyUrl, publicUrl: deps.options.publicUrl, clock });
  };

  return {
    routes,
    rootRoutes,
    /** Committed sales events, in order, for other contexts (webhooks, analytics); see events.ts. */
    outbox: { read: events.read, prune: events.prune },
    /** This node's committed sales events, after each commit. */
    onEvent: events.onEvent,
    /** A show of the room started or ended on this node: orders from now on are credited to the new one. */
    showChanged: liveShows.changed,
    /** Coupon claims held for gifts and orders bought as gifts, in the gifts context's transaction (gift-holds.ts). */
    gifts: createGiftHolds({ clock, events, refunds, addresses, log }),
    /** Whether the account paid for an order bought in this room (the `buyer` chat role). */
    async hasBought(roomId: string, userId: string): Promise<boolean> {
      return (await db.query(`SELECT 1 FROM orders WHERE room_id = $1 AND buyer_id = $2 AND paid_at IS NOT NULL LIMIT 1`, [roomId, userId])).length > 0;
    },
    /** Moves time-driven work once (tests with an injected clock call this; `start` runs it every second). */
    sweep: sweeper.sweep,
    /** Rebuilds every flash sale's gate from the database, then sweeps whenever something falls due. */
    async start(): Promise<void> {
      await lifecycle.rebuildGates();
      sweeper.start();
    },
    async close(): Promise<void> {
      await sweeper.stop();
      announcer.close();
    },
    /** For tests and the bench: the sandbox provider (to sign callbacks as it does). */
    sandbox,
  };
}

export type Sales = ReturnType<typeof createSales>;

/**
 * A crash test's seam: an attempt whose Idempotency-Key starts with `pause-<point>` at a listed point
 * says so on stderr and never goes on, so the test can SIGKILL the process exactly there (between
 * the gate and the commit, or after the commit before the answer) while other attempts go through.
 * Unset, it is never called.
 */
function pauseAt(points: readonly string[], log: { warn(o: object, m: string): void }) {
  if (points.length === 0) return undefined;
  return (point: string, key: string): Promise<void> => {
    if (!points.includes(point) || !key.startsWith(`pause-${point}`)) return Promise.resolve();
    log.warn({ point }, 'paused for a crash test');
    process.stderr.write(`[hutong] paused at ${point}\n`);
    return new Promise(() => {});
  };
}

/** Where no gate is: releasing units is nothing to do. */
const noGate: StockGate = {
  take: async () => ({ kind: 'unknown' }),
  release: async () => {},
  load: async () => {},
  count: async () => null,
  drop: async () => {},
  close: async () => {},
};
