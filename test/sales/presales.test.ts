import { describe, expect, it } from 'vitest';
import { manualClock } from '../../src/kernel/clock';
import { onEveryDatabase } from './databases';
import { address, salesWorldFor, payInSandbox } from './world';

const HOUR = 3_600_000;

/**
 * A presale (预售) as on Double 11: pay a deposit now that counts for more (定金膨胀), pay the balance
 * in its window after a reminder; a missed window forfeits or refunds the deposit as the campaign says,
 * and the unit goes back to the stock.
 */
onEveryDatabase((name, open) => {
  describe(`presales on ${name}`, () => {
    const clock = manualClock(new Date('2026-10-20T12:00:00Z'));
    const world = salesWorldFor(open, { clock });
    const cup = () => world().products['景德镇青花茶杯（两只装）']!;
    const stock = () => world().stockOf(cup().id);
    const at = (h: number) => new Date(clock.now().getTime() + h * HOUR).toISOString();

    async function presale(missedBalance: 'forfeit' | 'refund') {
      const r = await world().owner.post(`/api/v1/shops/${world().shopId}/presales`, {
        roomId: world().roomId, productId: cup().id, priceMinor: 50_000, depositMinor: 5_000, depositWorthMinor: 10_000, units: 5,
        depositEndsAt: at(24), balanceStartsAt: at(48), balanceEndsAt: at(72), missedBalance,
      });
      expect(r.status).toBe(201);
      return r.body.presale;
    }


    it('takes a deposit worth more than it costs, reminds in the balance window, and takes the balance', async () => {
      const before = await stock();
      const p = await presale('forfeit');
      expect(p).toMatchObject({ state: 'deposit', balanceMinor: 40_000, units: 5 });
      expect(await stock()).toBe(before - 5);
      const buyer = await world().buyer();
      const order = (await buyer.send('POST', `/api/v1/presales/${p.id}/orders`, { address })).body.order;
      // Price 500, deposit 50 worth 100: 50 now, 400 later, 450 in all.
      expect(order).toMatchObject({ kind: 'presale', subtotalMinor: 50_000, discountMinor: 5_000, totalMinor: 45_000, depositMinor: 5_000, due: { purpose: 'deposit', amountMinor: 5_000 } });
      const deposit = (await buyer.send('POST', `/api/v1/orders/${order.id}/payments`, {})).body.payment;
      await payInSandbox(world().server.url, deposit.payUrl);
      expect((await buyer.get(`/api/v1/orders/${order.id}`)).body.order).toMatchObject({ state: 'deposit_paid', paidMinor: 5_000, due: null });
      expect((await buyer.send('POST', `/api/v1/orders/${order.id}/payments`, {})).body.error.code).toBe('SALES_NOTHING_DUE');

      const { next } = await world().server.hutong.sales.outbox.read({ limit: 1000 });
      clock.advance(48 * HOUR);
      await world().server.hutong.sales.sweep();
      const reminders = (await world().server.hutong.sales.outbox.read({ after: next!, limit: 100 })).events.filter((e) => e.type === 'presale.balanceDue');
      expect(reminders.map((e) => e.subjectId)).toEqual([order.id]);
      const balance = (await buyer.send('POST', `/api/v1/orders/${order.id}/payments`, {})).body.payment;
      expect(balance).toMatchObject({ purpose: 'balance', amountMinor: 40_000 });
      await payInSandbox(world().server.url, balance.payUrl);
      expect((await buyer.get(`/api/v1/orders/${order.id}`)).body.order).toMatchObject({ state: 'paid', paidMinor: 45_000 });
      // The deposit window closed at 24 h: the 4 units nobody put a deposit on went back.
      expect(await stock()).toBe(before - 1);
    });

    it('forfeits a deposit whose balance was not paid in its window, and gives the unit back', async () => {
      const before = await stock();
      const p = await presale('forfeit');
      const buyer = await world().buyer();
      const order = (await buyer.send('POST', `/api/v1/presales/${p.id}/orders`, { address })).body.order;
      await payInSandbox(world().server.url, (await buyer.send('POST', `/api/v1/orders/${order.id}/payments`, {})).body.payment.payUrl);
      clock.advance(72 * HOUR);
      await world().server.hutong.sales.sweep();
      expect((await buyer.get(`/api/v1/orders/${order.id}`)).body.order).toMatchObject({ state: 'forfeited', paidMinor: 5_000, refundedMinor: 0 });
      expect(await stock()).toBe(before);
    });

    it('refunds the deposit instead when the campaign says so', async () => {
      const before = await stock();
      const p = await presale('refund');
      const buyer = await world().buyer();
      const order = (await buyer.send('POST', `/api/v1/presales/${p.id}/orders`, { address })).body.order;
      await payInSandbox(world().server.url, (await buyer.send('POST', `/api/v1/orders/${order.id}/payments`, {})).body.payment.payUrl);
      clock.advance(72 * HOUR);
      await world().server.hutong.sales.sweep();
      expect((await buyer.get(`/api/v1/orders/${order.id}`)).body.order).toMatchObject({ state: 'refunded', paidMinor: 5_000, refundedMinor: 5_000 });
      expect((await buyer.get(`/api/v1/orders/${order.id}/payments`)).body.payments[0].state).toBe('refunded');
      expect(await stock()).toBe(before);
    });

    it('refuses windows out of order and a deposit worth more than the price', async () => {
      const bad = (over: object) =>
        world().owner.post(`/api/v1/shops/${world().shopId}/presales`, {
          productId: cup().id, priceMinor: 50_000, depositMinor: 5_000, depositWorthMinor: 10_000, units: 1,
          depositEndsAt: at(24), balanceStartsAt: at(48), balanceEndsAt: at(72), missedBalance: 'forfeit', ...over,
        });
      expect((await bad({ balanceStartsAt: at(12) })).body.error.code).toBe('HTTP_VALIDATION_FAILED');
      expect((await bad({ depositWorthMinor: 60_000 })).body.error.code).toBe('HTTP_VALIDATION_FAILED');
    });
  });
});
