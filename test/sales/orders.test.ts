import { describe, expect, it } from 'vitest';
import { manualClock } from '../../src/kernel/clock';
import { onEveryDatabase } from './databases';
import { address, salesWorldFor, payInSandbox } from './world';

/**
 * Orders end to end over real HTTP: placed in the room, paid in the sandbox, shipped, completed;
 * unpaid orders expire (injected clock) and cancelled or refunded ones give their stock back; the
 * Idempotency-Key answers the same for the same request, 422 for another, one order for ten racers.
 */
onEveryDatabase((name, open) => {
  describe(`orders on ${name}`, () => {
    const clock = manualClock(new Date('2026-03-01T10:00:00Z'));
    const world = salesWorldFor(open, { clock });
    const stockOf = (productId: string) => world().stockOf(productId);

    it('takes an order in the room, pays it in the sandbox, ships and completes it', async () => {
      const buyer = await world().buyer();
      const tea = world().products['云南普洱茶饼']!;
      const before = await stockOf(tea.id);
      const placed = await world().order(buyer, '云南普洱茶饼', 2);
      expect(placed.status).toBe(201);
      const order = placed.body.order;
      expect(order).toMatchObject({ state: 'pending_payment', units: 2, totalMinor: 2 * tea.priceMinor, due: { purpose: 'full', amountMinor: 2 * tea.priceMinor } });
      expect(order.lines[0]).toMatchObject({ title: '云南普洱茶饼 357g', unitPriceMinor: tea.priceMinor, quantity: 2 });
      expect(await stockOf(tea.id)).toBe(before - 2);

      const payment = (await buyer.send('POST', `/api/v1/orders/${order.id}/payments`, {})).body.payment;
      expect(payment).toMatchObject({ purpose: 'full', amountMinor: order.totalMinor, state: 'pending' });
      expect(await payInSandbox(world().server.url, payment.payUrl)).toBe(200);
      expect((await buyer.get(`/api/v1/orders/${order.id}`)).body.order).toMatchObject({ state: 'paid', paidMinor: order.totalMinor, due: null });

      const shipped = await world().owner.request('POST', `/api/v1/shops/${world().shopId}/orders/${order.id}/ship`, { carrier: '顺丰', trackingNumber: 'SF1234567890' }, { 'idempotency-key': 'ship-1' });
      expect(shipped.body.order).toMatchObject({ state: 'shipped', carrier: '顺丰', trackingNumber: 'SF1234567890' });
      expect((await buyer.send('POST', `/api/v1/orders/${order.id}/receipt`)).body.order.state).toBe('completed');
      expect((await buyer.get('/api/v1/me/orders')).body.orders.map((o: any) => o.id)).toContain(order.id);
    });

    it('expires an unpaid order after its deadline and gives its stock back', async () => {
      const buyer = await world().buyer();
      const cup = world().products['景德镇青花茶杯（两只装）']!;
      const before = await stockOf(cup.id);
      const order = (await world().order(buyer, '景德镇青花茶杯（两只装）', 3)).body.order;
      expect(await stockOf(cup.id)).toBe(before - 3);
      clock.advance(14 * 60_000);
      await world().server.hutong.sales.sweep();
      expect((await buyer.get(`/api/v1/orders/${order.id}`)).body.order.state).toBe('pending_payment');
      clock.advance(60_001);
      await world().server.hutong.sales.sweep();
      expect((await buyer.get(`/api/v1/orders/${order.id}`)).body.order.state).toBe('expired');
      expect(await stockOf(cup.id)).toBe(before);
      expect((await buyer.send('POST', `/api/v1/orders/${order.id}/payments`, {})).body.error.code).toBe('SALES_NOTHING_DUE');
    });

    it('gives stock back when an order is cancelled, and when a paid one is refunded', async () => {
      const buyer = await world().buyer();
      const basket = world().products['手工竹编收纳篮']!;
      const before = await stockOf(basket.id);
      const a = (await world().order(buyer, '手工竹编收纳篮', 1)).body.order;
      const b = (await world().order(buyer, '手工竹编收纳篮', 2)).body.order;
      expect(await stockOf(basket.id)).toBe(before - 3);
      expect((await buyer.send('POST', `/api/v1/orders/${a.id}/cancel`)).body.order.state).toBe('cancelled');
      expect(await stockOf(basket.id)).toBe(before - 2);

      const payment = (await buyer.send('POST', `/api/v1/orders/${b.id}/payments`, {})).body.payment;
      await payInSandbox(world().server.url, payment.payUrl);
      const refund = (amountMinor?: number) =>
        world().owner.request('POST', `/api/v1/shops/${world().shopId}/orders/${b.id}/refunds`, { amountMinor, reason: '质量问题' }, { 'idempotency-key': `refund-${amountMinor}` });
      const part = await refund(500);
      expect(part.body.order).toMatchObject({ state: 'partially_refunded', refundedMinor: 500 });
      expect(await stockOf(basket.id)).toBe(before - 2);
      expect((await refund(b.totalMinor)).body.error).toMatchObject({ code: 'SALES_REFUND_TOO_LARGE', details: { refundableMinor: b.totalMinor - 500 } });
      const rest = await refund(undefined);
      expect(rest.body.order).toMatchObject({ state: 'refunded', refundedMinor: b.totalMinor });
      expect(await stockOf(basket.id)).toBe(before);
    });

    it('gives back the units a partial refund names, per line, never more than the buyer still has, and the whole refund after it only the rest', async () => {
      const buyer = await world().buyer();
      const basket = world().products['手工竹编收纳篮']!;
      const before = await stockOf(basket.id);
      const o = (await world().order(buyer, '手工竹编收纳篮', 3)).body.order;
      expect(o.returnedUnits).toEqual([0]);
      const payment = (await buyer.send('POST', `/api/v1/orders/${o.id}/payments`, {})).body.payment;
      await payInSandbox(world().server.url, payment.payUrl);
      expect(await stockOf(basket.id)).toBe(before - 3);
      const refund = (key: string, body: object) =>
        world().owner.request('POST', `/api/v1/shops/${world().shopId}/orders/${o.id}/refunds`, { reason: '退回一件', ...body }, { 'idempotency-key': key });

      const unit = o.lines[0].unitPriceMinor as number;
      const one = await refund('part-1', { amountMinor: unit, units: [{ line: 0, quantity: 1 }] });
      expect(one.body.order).toMatchObject({ state: 'partially_refunded', refundedMinor: unit, returnedUnits: [1] });
      expect(await stockOf(basket.id)).toBe(before - 2);
      // The same key again answers the same, and gives nothing back twice.
      expect((await refund('part-1', { amountMinor: unit, units: [{ line: 0, quantity: 1 }] })).body.order.returnedUnits).toEqual([1]);
      expect(await stockOf(basket.id)).toBe(before - 2);
      // More units than are still out, or a line the order does not have: refused, nothing moves.
      for (const [i, units] of [[{ line: 0, quantity: 3 }], [{ line: 0, quantity: 1 }, { line: 0, quantity: 2 }], [{ line: 1, quantity: 1 }]].entries()) {
        const refused = await refund(`too-many-${i}`, { amountMinor: 1, units });
        expect(refused.status).toBe(409);
        expect(refused.body.error).toMatchObject({ code: 'SALES_REFUND_UNITS_INVALID', details: { out: [{ line: 0, quantity: 2 }] } });
      }
      expect(await stockOf(basket.id)).toBe(before - 2);
      // Money alone (goods kept) moves no unit.
      expect((await refund('money-only', { amountMinor: 100 })).body.order.returnedUnits).toEqual([1]);
      expect(await stockOf(basket.id)).toBe(before - 2);
      // The whole rest: the two units still out come back, not three.
      const rest = await refund('rest', {});
      expect(rest.body.order).toMatchObject({ state: 'refunded', refundedMinor: o.totalMinor });
      expect(await stockOf(basket.id)).toBe(before);
    });

    it('answers the same Idempotency-Key with the same order, another body with 422, and makes one order for ten racers', async () => {
      const buyer = await world().buyer();
      const goji = world().products['宁夏枸杞']!;
      const body = { roomId: world().roomId, lines: [{ productId: goji.id, quantity: 1 }], address };
      const racers = await Promise.all(Array.from({ length: 10 }, () => buyer.send('POST', '/api/v1/orders', body, 'same-key')));
      const made = racers.filter((r) => r.status === 201);
      expect(made.length).toBeGreaterThanOrEqual(1);
      expect(new Set(made.map((r) => r.body.order.id)).size).toBe(1);
      // The others were told the first is still running (409), never given a second order.
      for (const r of racers.filter((x) => x.status !== 201)) expect(r.body.error.code).toBe('SALES_IDEMPOTENCY_IN_FLIGHT');
      const again = await buyer.send('POST', '/api/v1/orders', body, 'same-key');
      expect(again.status).toBe(201);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.body.order.id).toBe(made[0]!.body.order.id);
      expect((await buyer.get('/api/v1/me/orders')).body.orders).toHaveLength(1);
      const other = await buyer.send('POST', '/api/v1/orders', { ...body, lines: [{ productId: goji.id, quantity: 2 }] }, 'same-key');
      expect(other.status).toBe(422);
      expect(other.body.error.code).toBe('SALES_IDEMPOTENCY_KEY_REUSED');
      // Keys are per buyer: another buyer's same key is a new request.
      expect((await (await world().buyer()).send('POST', '/api/v1/orders', body, 'same-key')).status).toBe(201);
      // Missing and malformed keys are coded 400s, and write nothing.
      expect((await buyer.send('POST', '/api/v1/orders', body, null)).body.error.code).toBe('SALES_IDEMPOTENCY_KEY_MISSING');
      expect((await buyer.send('POST', '/api/v1/orders', body, 'has space')).body.error.code).toBe('SALES_IDEMPOTENCY_KEY_INVALID');
      expect((await buyer.send('POST', '/api/v1/orders', body, '"quoted-key"')).status).toBe(201);
      expect((await buyer.get('/api/v1/me/orders')).body.orders).toHaveLength(2);
    });

    it('refuses a line without its SKU, more than the stock, and an address-less order, writing nothing', async () => {
      const buyer = await world().buyer();
      const tee = world().products['扎染纯棉']!;
      const place = (lines: unknown, extra: object = { address }) => buyer.send('POST', '/api/v1/orders', { roomId: world().roomId, lines, ...extra });
      expect((await place([{ productId: tee.id, quantity: 1 }])).body.error.code).toBe('SALES_SKU_REQUIRED');
      const soldOut = tee.skus.find((s) => s.stock === 0)!;
      expect((await place([{ productId: tee.id, skuId: soldOut.id, quantity: 1 }])).body.error.code).toBe('SALES_OUT_OF_STOCK');
      const some = tee.skus.find((s) => s.stock > 0)!;
      // Two lines of one SKU are summed before the stock is checked.
      expect((await place([{ productId: tee.id, skuId: some.id, quantity: some.stock }, { productId: tee.id, skuId: some.id, quantity: 1 }])).body.error.code).toBe('SALES_OUT_OF_STOCK');
      expect((await place([{ productId: tee.id, skuId: some.id, quantity: 1 }], {})).body.error.code).toBe('SALES_ADDRESS_REQUIRED');
      expect((await buyer.get('/api/v1/me/orders')).body.orders).toHaveLength(0);
    });
  });
});
