import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/platform/db/db.port';
import { migrate } from '../../src/platform/db/migrate';
import type { ShowMinute } from '../../src/contracts/analytics.schemas';
import type { Analytics } from '../../src/analytics';
import { onEveryDatabase } from '../sales/databases';
import { FIRST, SECOND, STAYING, scriptedShow } from './scripted-show';

/** docs/metrics.md: unique viewers are a HyperLogLog estimate, standard error about 0.8 %; 3σ is allowed. */
const UNIQUE_ERROR = 0.025;

async function allMinutes(node: Analytics, shopId: string, showId: string): Promise<ShowMinute[]> {
  const all: ShowMinute[] = [];
  let after: string | undefined;
  do {
    const page = await node.series(shopId, showId, { limit: 2, after });
    all.push(...page.items);
    after = page.next ?? undefined;
  } while (after);
  return all;
}

onEveryDatabase((name, open) => {
  describe(`a show's series on ${name}`, () => {
    let db: Db;
    let cleanup: (() => Promise<void>) | undefined;
    let shopId: string;

    beforeAll(async () => {
      ({ db, cleanup } = await open());
      await migrate(db);
      shopId = randomUUID();
      await db.query(`INSERT INTO shops (id, slug, name) VALUES ($1, $2, 'analytics')`, [shopId, `an-${shopId.slice(0, 8)}`]);
    });
    afterAll(async () => {
      await db?.close();
      await cleanup?.();
    });

    it('a scripted audience gives exactly the expected minutes, unique viewers within the sketch error', async () => {
      const show = scriptedShow(db, shopId);
      const node = show.node();
      await show.play([node]);
      await show.untilSales(node, 1, 1);
      const minutes = await allMinutes(node, shopId, show.showId);
      await node.close();

      expect(minutes.map((m) => m.minute)).toEqual(['2026-03-01T10:00:00.000Z', '2026-03-01T10:01:00.000Z', '2026-03-01T10:02:00.000Z', '2026-03-01T10:03:00.000Z']);
      const pick = (m: ShowMinute) => {
        const { uniqueTotal: _u, avgWatchSeconds: _a, minute: _m, ...exact } = m;
        return exact;
      };
      const zero = { follows: 0, shares: 0, cartOpens: 0, ownClicks: 0, externalClicks: 0, orders: 0, units: 0, gmvMinor: 0, paidOrders: 0, paidMinor: 0 };
      expect(minutes.map(pick)).toEqual([
        { ...zero, online: FIRST, onlinePeak: FIRST, pcu: FIRST, entering: FIRST, viewsTotal: FIRST, likes: 50, chat: 5, cartOpens: 3, ownClicks: 2, externalClicks: 1, gpmMinor: 0 },
        {
          ...zero, online: FIRST + SECOND, onlinePeak: FIRST + SECOND, pcu: FIRST + SECOND, entering: SECOND, viewsTotal: FIRST + SECOND, likes: 0, chat: 0,
          orders: 1, units: 3, gmvMinor: 3990, paidOrders: 1, paidMinor: 3990, gpmMinor: Math.floor((3990 * 1000) / (FIRST + SECOND)),
        },
        { ...zero, online: STAYING, onlinePeak: STAYING, pcu: FIRST + SECOND, entering: 0, viewsTotal: FIRST + SECOND, likes: 30, chat: 0, gpmMinor: 1995 },
        { ...zero, online: 0, onlinePeak: 0, pcu: FIRST + SECOND, entering: 0, viewsTotal: FIRST + SECOND, likes: 0, chat: 0, gpmMinor: 1995 },
      ]);
      const unique = minutes.at(-1)!.uniqueTotal;
      expect(Math.abs(unique - (FIRST + SECOND)) / (FIRST + SECOND)).toBeLessThanOrEqual(UNIQUE_ERROR);
      expect(Math.abs(minutes[0]!.uniqueTotal - FIRST) / FIRST).toBeLessThanOrEqual(UNIQUE_ERROR);
      // Watch time: 1200 × 60 + 2000 × 60 + 500 × 60 viewer-seconds over the unique viewers.
      expect(minutes.at(-1)!.avgWatchSeconds).toBeCloseTo((FIRST * 60 + (FIRST + SECOND) * 60 + STAYING * 60) / unique, 1);

      const again = show.node();
      const report = await again.report(shopId, show.showId);
      expect(report.funnel).toEqual({ views: FIRST + SECOND, cartOpens: 3, productClicks: 3, orders: 1, paid: 1 });
      expect(report.totals).toMatchObject({ pcu: FIRST + SECOND, likes: 80, chat: 5, orders: 1, units: 3, gmvMinor: 3990, paidMinor: 3990, watchSeconds: 222_000 });
      expect(report.currency).toBe('CNY');
      const products = await again.products(shopId, show.showId, { limit: 10 });
      expect(products.items).toEqual([
        { productId: show.productA, kind: 'product', clicks: 2, orders: 1, units: 2, gmvMinor: 3000, paidOrders: 1, paidMinor: 3000 },
        { productId: show.productB, kind: 'product', clicks: 0, orders: 1, units: 1, gmvMinor: 990, paidOrders: 1, paidMinor: 990 },
        { productId: show.listing, kind: 'listing', clicks: 1, orders: 0, units: 0, gmvMinor: 0, paidOrders: 0, paidMinor: 0 },
      ]);
      await again.close();
    });

    it('the series survive a restart, and the outbox is not counted again after it', async () => {
      const show = scriptedShow(db, shopId);
      const first = show.node();
      await show.play([first]);
      await show.untilSales(first, 1, 1);
      const before = await allMinutes(first, shopId, show.showId);
      await first.close();

      const restarted = show.node();
      await restarted.settle();
      expect(await allMinutes(restarted, shopId, show.showId)).toEqual(before);
      // A new order after the restart: counted once, the old one not again.
      await show.order('order.created', randomUUID());
      await show.untilSales(restarted, 2, 1);
      await restarted.settle();
      expect((await restarted.report(shopId, show.showId)).totals.orders).toBe(2);
      await restarted.close();
    });

    it('two nodes sampling and counting the same show give the same minutes as one', async () => {
      const one = scriptedShow(db, shopId);
      const single = one.node();
      await one.play([single]);
      await one.untilSales(single, 1, 1);
      const alone = await allMinutes(single, shopId, one.showId);
      const { at: _a, show: _s, ...oneReport } = await single.report(shopId, one.showId);
      await single.close();

      const two = scriptedShow(db, shopId);
      const nodes = [two.node(), two.node()];
      await two.play(nodes);
      await two.untilSales(nodes[1]!, 1, 1);
      await nodes[0]!.settle();
      const together = await allMinutes(nodes[0]!, shopId, two.showId);
      expect(together).toEqual(alone);
      const { at: _b, show: _t, ...twoReport } = await nodes[1]!.report(shopId, two.showId);
      expect(twoReport).toEqual(oneReport);
      expect(twoReport.funnel).toEqual({ views: FIRST + SECOND, cartOpens: 3, productClicks: 3, orders: 1, paid: 1 });
      await Promise.all(nodes.map((n) => n.close()));
    });

    it("answers another shop's show as not found", async () => {
      const show = scriptedShow(db, shopId);
      const node = show.node();
      await expect(node.report(randomUUID(), show.showId)).rejects.toMatchObject({ code: 'LIVE_SHOW_NOT_FOUND' });
      await node.close();
    });
  });
});
