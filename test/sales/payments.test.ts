import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/kernel/clock';
import { SANDBOX_SIGNATURE_HEADER, signSandbox } from '../../src/sales';
import { onEveryDatabase } from './databases';
import { address, openSalesWorld, payInSandbox, type Buyer, type SalesWorld } from './world';

/**
 * Payment callbacks are trusted only when genuine and matching: a forged signature, an altered
 * body, a replay outside the window and a callback for another amount are refused (coded 400) and
 * logged; one that arrives twice pays once; money that arrives for an expired order goes back.
 */
onEveryDatabase((name, open) => {
  describe(`payment callbacks on ${name}`, () => {
    const clock = manualClock(new Date());
    let world: SalesWorld;
    let cleanup: (() => Promise<void>) | undefined;
    let buyer: Buyer;

    beforeAll(async () => {
      const opened = await open();
      cleanup = opened.cleanup;
      world = await openSalesWorld({ db: opened.db, clock });
      buyer = await world.buyer();
    });
    afterAll(async () => {
      await world?.close();
      await cleanup?.();
    });

    /** An order with a payment started for it. */
    async function pending() {
      const tea = world.products['云南普洱茶饼']!;
      const order = (await buyer.send('POST', '/api/v1/orders', { roomId: world.roomId, lines: [{ productId: tea.id, quantity: 1 }], address })).body.order;
      const payment = (await buyer.send('POST', `/api/v1/orders/${order.id}/payments`, {})).body.payment;
      return { order, payment };
    }
    const callback = (body: string, headers: Record<string, string>) =>
      fetch(`${world.server.url}/api/v1/payments/callbacks/sandbox`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body })
        .then(async (r) => ({ status: r.status, body: await r.json() as any }));
    const sandbox = () => world.server.hutong.sales.sandbox;
    const stateOf = async (orderId: string) => (await buyer.get(`/api/v1/orders/${orderId}`)).body.order;
    const warned = (text: string) => world.server.logs.filter((l) => l.includes(text));

    it('refuses a forged signature and an altered body, and logs them', async () => {
      const { order, payment } = await pending();
      const genuine = sandbox().callback({ type: 'payment.succeeded', paymentId: payment.id, amountMinor: payment.amountMinor, currency: 'CNY' }, clock.now());
      const forged = signSandbox('not-the-secret', Math.floor(clock.now().getTime() / 1000), genuine.body);
      expect(await callback(genuine.body, { [SANDBOX_SIGNATURE_HEADER]: forged })).toMatchObject({ status: 400, body: { error: { code: 'SALES_PAYMENT_CALLBACK_INVALID' } } });
      const altered = genuine.body.replace(`"amountMinor":${payment.amountMinor}`, '"amountMinor":1');
      expect(await callback(altered, genuine.headers)).toMatchObject({ status: 400, body: { error: { code: 'SALES_PAYMENT_CALLBACK_INVALID' } } });
      expect(await callback(genuine.body, {})).toMatchObject({ status: 400 });
      expect((await stateOf(order.id)).state).toBe('pending_payment');
      expect(warned('payment callback refused').length).toBeGreaterThanOrEqual(3);
    });

    it('refuses a genuine callback for another amount as a mismatch, and logs it as an error', async () => {
      const { order, payment } = await pending();
      const signed = sandbox().callback({ type: 'payment.succeeded', paymentId: payment.id, amountMinor: payment.amountMinor - 1, currency: 'CNY' }, clock.now());
      expect(await callback(signed.body, signed.headers)).toMatchObject({ status: 400, body: { error: { code: 'SALES_PAYMENT_CALLBACK_MISMATCH' } } });
      expect((await stateOf(order.id)).state).toBe('pending_payment');
      expect(warned('does not match the payment').length).toBe(1);
    });

    it('pays once for a callback that arrives twice, and refuses its replay after the window', async () => {
      const { order, payment } = await pending();
      const signed = sandbox().callback({ type: 'payment.succeeded', paymentId: payment.id, amountMinor: payment.amountMinor, currency: 'CNY' }, clock.now());
      const [a, b] = await Promise.all([callback(signed.body, signed.headers), callback(signed.body, signed.headers)]);
      expect([a.status, b.status]).toEqual([200, 200]);
      expect(await stateOf(order.id)).toMatchObject({ state: 'paid', paidMinor: order.totalMinor });
      clock.advance(301_000);
      expect(await callback(signed.body, signed.headers)).toMatchObject({ status: 400, body: { error: { code: 'SALES_PAYMENT_CALLBACK_STALE' } } });
      expect(await stateOf(order.id)).toMatchObject({ state: 'paid', paidMinor: order.totalMinor });
    });

    it('pays an order once even when two payments for it both succeed: the second is refunded', async () => {
      const tea = world.products['云南普洱茶饼']!;
      const order = (await buyer.send('POST', '/api/v1/orders', { roomId: world.roomId, lines: [{ productId: tea.id, quantity: 1 }], address })).body.order;
      const first = (await buyer.send('POST', `/api/v1/orders/${order.id}/payments`, {})).body.payment;
      const second = (await buyer.send('POST', `/api/v1/orders/${order.id}/payments`, {})).body.payment;
      expect(await payInSandbox(world.server.url, first.payUrl)).toBe(200);
      expect(await payInSandbox(world.server.url, second.payUrl)).toBe(200);
      expect(await stateOf(order.id)).toMatchObject({ state: 'paid', paidMinor: order.totalMinor, refundedMinor: 0 });
      const payments = (await buyer.get(`/api/v1/orders/${order.id}/payments`)).body.payments;
      expect(payments.map((p: any) => p.state).sort()).toEqual(['refunded', 'succeeded']);
    });

    it('gives back money that arrives after the order expired', async () => {
      const { order, payment } = await pending();
      const refundedBefore = warned('no longer needed it').length;
      clock.advance(15 * 60_000 + 1);
      await world.server.hutong.sales.sweep();
      expect((await stateOf(order.id)).state).toBe('expired');
      const signed = sandbox().callback({ type: 'payment.succeeded', paymentId: payment.id, amountMinor: payment.amountMinor, currency: 'CNY' }, clock.now());
      expect((await callback(signed.body, signed.headers)).status).toBe(200);
      expect((await stateOf(order.id)).state).toBe('expired');
      expect((await buyer.get(`/api/v1/orders/${order.id}/payments`)).body.payments[0].state).toBe('refunded');
      expect(warned('no longer needed it').length).toBe(refundedBefore + 1);
    });

    it('records a failed payment and lets the buyer pay again', async () => {
      const { order, payment } = await pending();
      expect(await payInSandbox(world.server.url, payment.payUrl, 'failed')).toBe(200);
      expect((await stateOf(order.id)).state).toBe('pending_payment');
      const again = (await buyer.send('POST', `/api/v1/orders/${order.id}/payments`, {})).body.payment;
      expect(await payInSandbox(world.server.url, again.payUrl)).toBe(200);
      expect((await stateOf(order.id)).state).toBe('paid');
    });
  });
});
