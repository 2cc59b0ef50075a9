import { describe, expect, it } from 'vitest';
import { manualClock } from '../../src/kernel/clock';
import { TestViewer } from '../realtime/socket-client';
import { makeBuyers } from './buyers';
import { onEveryDatabase } from './databases';
import { address, salesWorldFor } from './world';

/** Coupons: exactly the claims there are under a rush, and the rules of using one on an order. */
onEveryDatabase((name, open) => {
  describe(`coupons on ${name}`, () => {
    const clock = manualClock(new Date());
    const world = salesWorldFor(open, { clock });

    const makeCoupon = async (body: object) =>
      (await world().owner.post(`/api/v1/shops/${world().shopId}/coupons`, { title: '直播间专享', kind: 'amount', amountMinor: 1000, currency: 'CNY', total: 100, ...body })).body.coupon;


    // 300 claims at once on a machine at load 10–30 (the shared one) can take a minute.
    it('gives exactly 100 claims to 300 viewers claiming at once, and the room sees the drop', { timeout: 120_000 }, async () => {
      const viewer = await TestViewer.join(world().server.url, 'demo');
      const coupon = await makeCoupon({ roomId: world().roomId });
      await viewer.waitFor((f) => f.t === 'batch' && f.events.some((e) => e.type === 'coupon.dropped' && e.coupon.id === coupon.id), 30_000);
      viewer.ws.close();
      const buyers = await makeBuyers(world().server.hutong.db, 300, clock.now());
      const results = await Promise.all(
        buyers.map((b) =>
          fetch(`${world().server.url}/api/v1/coupons/${coupon.id}/claims`, { method: 'POST', headers: { cookie: b.cookie } }).then(async (r) => ({ status: r.status, body: (await r.json()) as any })),
        ),
      );
      expect(results.filter((r) => r.status === 201)).toHaveLength(100);
      for (const r of results.filter((x) => x.status !== 201)) expect(r).toMatchObject({ status: 409, body: { error: { code: 'SALES_COUPON_GONE' } } });
      expect((await world().owner.get(`/api/v1/shops/${world().shopId}/coupons/${coupon.id}`)).body.coupon.claimed).toBe(100);
    });

    it('holds a buyer to the per-buyer limit of claims', async () => {
      const coupon = await makeCoupon({ perBuyerLimit: 2 });
      const buyer = await world().buyer();
      const results = await Promise.all(Array.from({ length: 6 }, () => buyer.post(`/api/v1/coupons/${coupon.id}/claims`)));
      expect(results.filter((r) => r.status === 201)).toHaveLength(2);
      for (const r of results.filter((x) => x.status !== 201)) expect(r.body.error.code).toBe('SALES_COUPON_LIMIT_REACHED');
    });

    it('takes the discount off an order above the minimum spend, one coupon only, and gives it back when the order is cancelled', async () => {
      const tea = world().products['云南普洱茶饼']!; // 128.00
      const percent = await makeCoupon({ kind: 'percent', amountMinor: undefined, percentBp: 1500, minSpendMinor: 20_000 });
      const amount = await makeCoupon({ minSpendMinor: 0 });
      const buyer = await world().buyer();
      const claimPercent = (await buyer.post(`/api/v1/coupons/${percent.id}/claims`)).body.claim.id;
      const claimAmount = (await buyer.post(`/api/v1/coupons/${amount.id}/claims`)).body.claim.id;
      const place = (quantity: number, couponClaimIds: string[]) =>
        world().order(buyer, '云南普洱茶饼', quantity, { couponClaimIds });
      expect((await place(1, [claimPercent])).body.error).toMatchObject({ code: 'SALES_COUPON_MIN_SPEND', details: { minSpendMinor: 20_000 } });
      expect((await place(2, [claimPercent, claimAmount])).body.error.code).toBe('SALES_COUPON_NOT_STACKABLE');
      const order = (await place(2, [claimPercent])).body.order;
      // 15 % off 256.00 is 38.40.
      expect(order).toMatchObject({ subtotalMinor: 25_600, discountMinor: 3_840, totalMinor: 21_760, couponClaimId: claimPercent });
      expect((await place(2, [claimPercent])).body.error.code).toBe('SALES_COUPON_USED');
      expect((await buyer.send('POST', `/api/v1/orders/${order.id}/cancel`)).status).toBe(200);
      expect((await place(2, [claimPercent])).status).toBe(201);
    });

    it('refuses a coupon outside its validity, and another buyer’s claim', async () => {
      const coupon = await makeCoupon({ validMinutes: 10 });
      const buyer = await world().buyer();
      const claim = (await buyer.post(`/api/v1/coupons/${coupon.id}/claims`)).body.claim.id;
      const tea = world().products['云南普洱茶饼']!;
      const other = await world().buyer();
      const body = { roomId: world().roomId, lines: [{ productId: tea.id, quantity: 1 }], address, couponClaimIds: [claim] };
      expect((await other.send('POST', '/api/v1/orders', body)).body.error.code).toBe('SALES_COUPON_NOT_FOUND');
      clock.advance(10 * 60_000);
      expect((await buyer.send('POST', '/api/v1/orders', body)).body.error.code).toBe('SALES_COUPON_EXPIRED');
      expect((await other.post(`/api/v1/coupons/${coupon.id}/claims`)).body.error.code).toBe('SALES_COUPON_EXPIRED');
      expect((await buyer.get('/api/v1/me/coupons')).body.claims.map((c: any) => c.id)).toEqual([claim]);
    });
  });
});
