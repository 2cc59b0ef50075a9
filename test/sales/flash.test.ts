import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/kernel/clock';
import { MemoryGate } from '../../src/platform/gate/gate.memory';
import { TestViewer } from '../realtime/socket-client';
import { makeBuyers, type RawBuyer } from './buyers';
import { onEveryDatabase } from './databases';
import { address, openSalesWorld, payInSandbox, type SalesWorld } from './world';

/**
 * Flash sales over real HTTP sockets: exactly the units are sold however many buyers race, each
 * buyer within the limit, one order per idempotency key; an unpaid order's unit comes back when it
 * expires; the room sees the sale start, its stock (coalesced per tick) and "sold out".
 */
onEveryDatabase((name, open) => {
  describe(`flash sales on ${name}`, () => {
    const clock = manualClock(new Date());
    const gate = new MemoryGate();
    let world: SalesWorld;
    let cleanup: (() => Promise<void>) | undefined;
    let buyers: RawBuyer[];

    const startSale = async (units: number, perBuyerLimit = 1, product = '宁夏枸杞', durationMinutes = 10) =>
      (await world.owner.post(`/api/v1/shops/${world.shopId}/flash-sales`, {
        roomId: world.roomId, productId: world.products[product]!.id, priceMinor: 990, units, perBuyerLimit, durationMinutes,
      })).body.flashSale as { id: string; units: number };
    const buy = (b: RawBuyer, saleId: string, key: string = randomUUID(), quantity = 1) =>
      fetch(`${world.server.url}/api/v1/flash-sales/${saleId}/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: b.cookie, 'idempotency-key': key },
        body: JSON.stringify({ quantity, address }),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
    const sold = async (saleId: string) => (await world.owner.get(`/api/v1/shops/${world.shopId}/flash-sales/${saleId}`)).body.flashSale.sold as number;

    beforeAll(async () => {
      const opened = await open();
      cleanup = opened.cleanup;
      world = await openSalesWorld({ db: opened.db, clock, gate });
      buyers = await makeBuyers(world.server.hutong.db, 600, clock.now());
    });
    afterAll(async () => {
      await world?.close();
      await cleanup?.();
    });

    it('sells exactly 100 units to 500 concurrent buyers and tells the 400 others "sold out" with a coded 409', { timeout: 120_000 }, async () => {
      const viewer = await TestViewer.join(world.server.url, 'demo');
      const sale = await startSale(100);
      await viewer.waitFor((f) => f.t === 'batch' && f.events.some((e) => e.type === 'sale.started' && e.sale.id === sale.id), 30_000);
      const selling = performance.now();
      const results = await Promise.all(buyers.slice(0, 500).map((b) => buy(b, sale.id)));
      const sellingMs = performance.now() - selling;
      const won = results.filter((r) => r.status === 201);
      expect(won).toHaveLength(100);
      const lost = results.filter((r) => r.status !== 201);
      expect(lost).toHaveLength(400);
      for (const r of lost) expect(r).toMatchObject({ status: 409, body: { error: { code: 'SALES_SOLD_OUT' } } });
      expect(new Set(won.map((r) => r.body.order.id)).size).toBe(100);
      expect(await sold(sale.id)).toBe(100);
      const orders = (await world.owner.get(`/api/v1/shops/${world.shopId}/orders?limit=100`)).body.orders.filter((o: any) => o.campaignId === sale.id);
      expect(orders).toHaveLength(100);

      // The room heard "sold out", and the stock left at most once a tick while the sales went on
      // (one for each of the 100 sales only if the machine took a tick for each: the bound is
      // from the time the selling took, so a loaded machine cannot fail it).
      await viewer.waitFor((f) => f.t === 'batch' && f.events.some((e) => e.type === 'sale.soldOut' && e.saleId === sale.id), 30_000);
      const stock = viewer.frames.flatMap((f) => (f.t === 'batch' ? f.events : [])).filter((e) => e.type === 'sale.stock' && e.saleId === sale.id);
      expect(stock.length).toBeGreaterThan(0);
      expect(stock.length).toBeLessThanOrEqual(Math.ceil(sellingMs / world.server.hutong.config.realtime.tuning.maxTickMs) + 1);
      viewer.ws.close();
    });

    it('holds one buyer firing 20 parallel attempts to a limit of 2', async () => {
      const sale = await startSale(50, 2);
      const b = buyers[500]!;
      const results = await Promise.all(Array.from({ length: 20 }, () => buy(b, sale.id)));
      expect(results.filter((r) => r.status === 201)).toHaveLength(2);
      for (const r of results.filter((x) => x.status !== 201)) expect(r.body.error.code).toBe('SALES_LIMIT_REACHED');
      expect(await sold(sale.id)).toBe(2);
    });

    it('makes one order for the same idempotency key sent 10 times in parallel, and answers it again after', async () => {
      const sale = await startSale(50, 5);
      const b = buyers[501]!;
      const results = await Promise.all(Array.from({ length: 10 }, () => buy(b, sale.id, 'flash-key')));
      const made = results.filter((r) => r.status === 201);
      expect(new Set(made.map((r) => r.body.order.id)).size).toBe(1);
      for (const r of results.filter((x) => x.status !== 201)) expect(r.body.error.code).toBe('SALES_IDEMPOTENCY_IN_FLIGHT');
      expect(await sold(sale.id)).toBe(1);
      const again = await buy(b, sale.id, 'flash-key');
      expect(again.status).toBe(201);
      expect(again.body.order.id).toBe(made[0]!.body.order.id);
      expect((await buy(b, sale.id, 'flash-key', 2)).body.error.code).toBe('SALES_IDEMPOTENCY_KEY_REUSED');
    });

    it('gives an expired order’s unit back to the sale, where another buyer takes it', async () => {
      // The sale outlasts the order's 15 minutes to pay.
      const sale = await startSale(1, 1, '宁夏枸杞', 30);
      const first = await buy(buyers[502]!, sale.id);
      expect(first.status).toBe(201);
      expect((await buy(buyers[503]!, sale.id)).body.error.code).toBe('SALES_SOLD_OUT');
      clock.advance(15 * 60_000 + 1);
      await world.server.hutong.sales.sweep();
      expect(await sold(sale.id)).toBe(0);
      // A new key: the first answer (sold out) stays the answer of the old one.
      const second = await buy(buyers[503]!, sale.id);
      expect(second.status).toBe(201);
      expect(await sold(sale.id)).toBe(1);
    });

    it('gives a cancelled order’s and a refunded order’s units back to the sale while it runs, where other buyers take them', async () => {
      const call = (b: RawBuyer, path: string, body: unknown = {}) =>
        fetch(`${world.server.url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: b.cookie, 'idempotency-key': randomUUID() },
          body: JSON.stringify(body),
        }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
      const sale = await startSale(2, 1, '宁夏枸杞', 30);
      const [a, b, c, d] = buyers.slice(506, 510) as [RawBuyer, RawBuyer, RawBuyer, RawBuyer];
      const ofA = await buy(a, sale.id);
      const ofB = await buy(b, sale.id);
      expect([ofA.status, ofB.status]).toEqual([201, 201]);
      expect((await buy(c, sale.id)).body.error.code).toBe('SALES_SOLD_OUT');

      expect((await call(a, `/api/v1/orders/${ofA.body.order.id}/cancel`)).body.order.state).toBe('cancelled');
      expect(await sold(sale.id)).toBe(1);
      expect((await buy(c, sale.id)).status).toBe(201);
      expect((await buy(d, sale.id)).body.error.code).toBe('SALES_SOLD_OUT');

      const payment = (await call(b, `/api/v1/orders/${ofB.body.order.id}/payments`)).body.payment;
      expect(await payInSandbox(world.server.url, payment.payUrl)).toBe(200);
      const refunded = await world.owner.request('POST', `/api/v1/shops/${world.shopId}/orders/${ofB.body.order.id}/refunds`, { reason: '缺货' }, { 'idempotency-key': randomUUID() });
      expect(refunded.body.order).toMatchObject({ state: 'refunded', refundedMinor: 990 });
      expect(await sold(sale.id)).toBe(1);
      expect((await buy(d, sale.id)).status).toBe(201);
      expect(await sold(sale.id)).toBe(2);
    });

    it('frees a unit the gate took for a purchase that never committed, once the gate says "sold out"', async () => {
      const sale = await startSale(2, 1, '宁夏枸杞', 30);
      // A purchase that died between the gate and its commit, on a node that is not restarted.
      const lost = { holder: randomUUID(), key: 'lost', fingerprint: 'fp', units: 1, now: clock.now().getTime(), ref: randomUUID() };
      expect(await gate.take(sale.id, lost)).toEqual({ kind: 'taken' });
      expect((await buy(buyers[510]!, sale.id)).status).toBe(201);
      expect((await buy(buyers[511]!, sale.id)).body.error.code).toBe('SALES_SOLD_OUT');
      expect(await sold(sale.id)).toBe(1);
      // The refusal made the node compare the gate with the database: within seconds the unit sells.
      let answer = await buy(buyers[511]!, sale.id);
      for (const end = Date.now() + 30_000; answer.status !== 201 && Date.now() < end; answer = await buy(buyers[511]!, sale.id)) {
        expect(answer.body.error.code).toBe('SALES_SOLD_OUT');
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(answer.status).toBe(201);
      expect(await sold(sale.id)).toBe(2);
      expect(await gate.count(sale.id)).toEqual({ units: 2, taken: 2 });
      expect((await buy(buyers[512]!, sale.id)).body.error.code).toBe('SALES_SOLD_OUT');
    });

    it('ends the sale at its end, gives the units not sold back to the stock, and refuses late buyers', async () => {
      const stockOf = async () => (await world.owner.get(`/api/v1/shops/${world.shopId}/stock`)).body.levels.find((l: any) => l.productId === world.products['手工竹编收纳篮']!.id).stock as number;
      const before = await stockOf();
      const sale = await startSale(10, 1, '手工竹编收纳篮');
      expect(await stockOf()).toBe(before - 10);
      expect((await buy(buyers[504]!, sale.id)).status).toBe(201);
      clock.advance(10 * 60_000);
      expect((await buy(buyers[505]!, sale.id)).body.error.code).toBe('SALES_ENDED');
      await world.server.hutong.sales.sweep();
      const after = (await world.owner.get(`/api/v1/shops/${world.shopId}/flash-sales/${sale.id}`)).body.flashSale;
      expect(after).toMatchObject({ state: 'ended', units: 1, sold: 1 });
      expect(await stockOf()).toBe(before - 1);
    });
  });
});
