import { randomUUID } from 'node:crypto';
import type { Db } from '../../src/platform/db/db.port';
import { MemoryBus } from '../../src/platform/bus/bus.memory';
import { MemoryCounters } from '../../src/platform/counters/counters.memory';
import { manualClock } from '../../src/kernel/clock';
import { createSalesEvents, SALES_EVENTS_TOPIC } from '../../src/sales/events';
import { createAnalytics, type Analytics } from '../../src/analytics';
import type { SalesEventBody } from '../../src/contracts/sales-events.schemas';

export const START = new Date('2026-03-01T10:00:00Z');
/** Viewers who join in minute 0, and in minute 1; of all of them, those still online in minute 2. */
export const FIRST = 1200;
export const SECOND = 800;
export const STAYING = 500;

/**
 * A show with a scripted audience of known behaviour, on one or more analytics "nodes" sharing the
 * database (as nodes do): the room's totals come from real counters (HyperLogLog unique viewers),
 * happenings are handed to the nodes in turn, orders go through the real sales outbox.
 */
export function scriptedShow(db: Db, shopId: string) {
  const clock = manualClock(START);
  const bus = new MemoryBus();
  const counters = new MemoryCounters(() => clock.now().getTime());
  const salesEvents = createSalesEvents({ db, bus, clock, log: { error: () => {} } });
  const showId = randomUUID();
  const roomId = randomUUID();
  const productA = randomUUID();
  const productB = randomUUID();
  const listing = randomUUID();
  let online = 0;
  let settlements = 0;
  let totals = { likes: 0, views: 0, unique: 0, pcu: 0, chat: 0 };

  async function settle(joins: string[], likes: number, chat: number): Promise<void> {
    const t = await counters.settle(`show:${showId}`, {
      id: `s${settlements++}`, likes, online, joins, leaves: [], viewWindowMs: 60_000, chat: { accepted: chat, shown: chat, stored: chat },
    });
    totals = { likes: t.likes, views: t.views, unique: t.unique, pcu: t.pcu, chat: t.chat.accepted };
  }

  function node(): Analytics {
    return createAnalytics(
      {
        db, bus, clock,
        audiences: async () => [{ roomId, slug: 'scripted', shopId, showId, counts: { online, pcu: totals.pcu, views: totals.views, unique: totals.unique, likes: totals.likes }, chat: totals.chat }],
        readSales: salesEvents.read,
        salesTopic: SALES_EVENTS_TOPIC,
        liveShowOf: async () => showId,
        showById: async (id) =>
          id === showId
            ? { show: { id, roomId, title: 'scripted', state: 'live', startedAt: START.toISOString(), endedAt: null, hasReplay: false }, room: { id: roomId, shopId } }
            : undefined,
        pinsOfRoom: async () => ({ items: [], next: null }),
        displayNames: async () => new Map(),
        log: { error: () => {} },
      },
      // Timers never fire in a test this short: the script samples by hand.
      { sampleMs: 3_600_000, flushMs: 3_600_000, salesPollMs: 3_600_000 },
    );
  }

  async function order(type: 'order.created' | 'order.paid', orderId: string): Promise<void> {
    const event: SalesEventBody = {
      type,
      data: {
        orderId, buyerId: randomUUID(), roomId, showId, kind: 'flash', campaignId: null, state: type === 'order.paid' ? 'paid' : 'pending_payment',
        currency: 'CNY', totalMinor: 2 * 1500 + 990, paidMinor: type === 'order.paid' ? 2 * 1500 + 990 : 0, refundedMinor: 0, units: 3,
        lines: [
          { productId: productA, skuId: null, quantity: 2, unitPriceMinor: 1500 },
          { productId: productB, skuId: null, quantity: 1, unitPriceMinor: 990 },
        ],
      },
    };
    const batch = salesEvents.batch();
    await db.transaction((tx) => batch.emit(tx, shopId, orderId, event));
    batch.publish();
  }

  /**
   * Plays the show on `nodes` (each samples every 5 s, as every node does; happenings and orders are
   * spread over them). Minute 0: FIRST viewers join at once, 50 likes, 5 chat, 3 cart opens, 2 opens
   * of product A, 1 click-out. Minute 1: SECOND more join, one order of 3 units placed and paid.
   * Minute 2: all but STAYING leave, 30 likes. At 10:03:00 everyone has left.
   */
  async function play(nodes: Analytics[]): Promise<void> {
    const room = { id: roomId, shopId };
    const sampleAll = () => Promise.all(nodes.map((n) => n.settle()));
    let turn = 0;
    const on = () => nodes[turn++ % nodes.length]!;
    for (let second = 0; second <= 180; second += 5) {
      if (second === 0) {
        online = FIRST;
        await settle(Array.from({ length: FIRST }, (_, i) => `v${i}`), 0, 0);
      }
      if (second === 30) {
        await settle([], 50, 5);
        for (let i = 0; i < 3; i++) await on().note(room, { type: 'cart.opened' });
        for (let i = 0; i < 2; i++) await on().note(room, { type: 'product.opened', productId: productA });
        await on().note(room, { type: 'listing.clicked', listingId: listing });
      }
      if (second === 60) {
        online = FIRST + SECOND;
        await settle(Array.from({ length: SECOND }, (_, i) => `w${i}`), 0, 0);
      }
      if (second === 70) await order('order.created', (orderIds[0] ??= randomUUID()));
      if (second === 80) await order('order.paid', orderIds[0]!);
      if (second === 120) {
        online = STAYING;
        await settle([], 30, 0);
      }
      if (second === 180) online = 0;
      await sampleAll();
      clock.advance(5_000);
    }
  }
  const orderIds: string[] = [];

  /**
   * Settles `node` until the show counts `orders` orders and `paid` paid. The outbox hands out an
   * event only once every transaction older than it has ended, and on a shared PostgreSQL another
   * database's long transaction holds that back for a while.
   */
  async function untilSales(node: Analytics, orders: number, paid: number): Promise<void> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      await node.settle();
      const { totals } = await node.report(shopId, showId);
      if (totals.orders === orders && totals.paidOrders === paid) return;
      if (Date.now() > deadline) throw new Error(`sales not read: ${totals.orders} orders, ${totals.paidOrders} paid`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  return { clock, showId, roomId, productA, productB, listing, node, play, order, orderIds, untilSales };
}
