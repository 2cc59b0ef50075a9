import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { address, openSalesWorld, payInSandbox, type SalesWorld } from './world';
import { Receiver } from '../webhooks/receiver';
import { until } from '../support/hutong-process';

/**
 * /metrics after real actions: the flash-sale gate's decisions, orders by what happened to them,
 * webhook deliveries by outcome and their latency (docs/metrics.md, "Prometheus").
 */
describe('sales and webhook metrics', () => {
  let world: SalesWorld;
  let receiver: Receiver;

  const scrape = async () => (await fetch(`${world.server.url}/metrics`)).text();
  /** The value of one series (0 when absent). */
  const value = (text: string, series: string) => {
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    return line ? Number(line.slice(series.length + 1)) : 0;
  };

  beforeAll(async () => {
    receiver = await Receiver.start();
    world = await openSalesWorld({
      env: { HUTONG_WEBHOOK_ALLOW_PRIVATE: 'true', HUTONG_WEBHOOK_RETRY_BASE_MS: '50', HUTONG_WEBHOOK_MAX_ATTEMPTS: '2', HUTONG_WEBHOOK_POLL_MS: '50' },
    });
  });
  afterAll(async () => {
    await world?.close();
    await receiver?.close();
  });

  it("counts the gate's decisions and the orders' events", async () => {
    const tea = world.products['云南普洱茶饼']!;
    const sale = (
      await world.owner.post(`/api/v1/shops/${world.shopId}/flash-sales`, { roomId: world.roomId, productId: tea.id, priceMinor: 9900, units: 2, perBuyerLimit: 1 })
    ).body.flashSale;
    const [a, b, c] = [await world.buyer(), await world.buyer(), await world.buyer()];
    const buy = (buyer: typeof a, key?: string) => buyer.send('POST', `/api/v1/flash-sales/${sale.id}/orders`, { quantity: 1, address }, key);
    const first = await buy(a, 'a-1');
    expect(first.status).toBe(201);
    expect((await buy(a, 'a-1')).status).toBe(201); // the same key again: answered from the gate's memory
    expect((await buy(a, 'a-2')).body.error.code).toBe('SALES_LIMIT_REACHED');
    expect((await buy(b)).status).toBe(201);
    expect((await buy(c)).body.error.code).toBe('SALES_SOLD_OUT');

    const payment = (await a.send('POST', `/api/v1/orders/${first.body.order.id}/payments`, {})).body.payment;
    expect(await payInSandbox(world.server.url, payment.payUrl)).toBe(200);
    const refund = await world.owner.request('POST', `/api/v1/shops/${world.shopId}/orders/${first.body.order.id}/refunds`, { reason: '演示' }, { 'idempotency-key': 'refund-all' });
    expect(refund.status, JSON.stringify(refund.body)).toBe(200);

    const text = await until(async () => {
      const t = await scrape();
      return value(t, 'hutong_sales_orders_total{event="refunded",kind="flash"}') === 1 && t;
    }, 'the refund counted', 10_000);
    expect(value(text, 'hutong_sales_gate_decisions_total{outcome="admitted"}')).toBe(2);
    expect(value(text, 'hutong_sales_gate_decisions_total{outcome="replayed"}')).toBe(1);
    expect(value(text, 'hutong_sales_gate_decisions_total{outcome="limit"}')).toBe(1);
    expect(value(text, 'hutong_sales_gate_decisions_total{outcome="sold_out"}')).toBe(1);
    expect(value(text, 'hutong_sales_orders_total{event="created",kind="flash"}')).toBe(2);
    expect(value(text, 'hutong_sales_orders_total{event="paid",kind="flash"}')).toBe(1);
  });

  it('counts webhook deliveries by outcome, with their latency', async () => {
    receiver.always('/gone', 410);
    receiver.always('/down', 503);
    for (const path of ['/ok', '/gone', '/down'])
      expect((await world.owner.post(`/api/v1/shops/${world.shopId}/webhooks`, { url: receiver.url + path, eventTypes: ['order.created'] })).status).toBe(201);
    const buyer = await world.buyer();
    const basket = world.products['手工竹编收纳篮']!;
    expect((await buyer.send('POST', '/api/v1/orders', { roomId: world.roomId, lines: [{ productId: basket.id, quantity: 1 }], address })).status).toBe(201);

    // /ok takes it at once; /gone disables its endpoint at the first answer; /down fails, then gives up (2 attempts).
    const text = await until(async () => {
      const t = await scrape();
      return value(t, 'hutong_webhook_deliveries_total{outcome="disabled"}') >= 2 && t;
    }, 'both failing endpoints disabled', 20_000);
    expect(value(text, 'hutong_webhook_deliveries_total{outcome="ok"}')).toBe(1);
    expect(value(text, 'hutong_webhook_deliveries_total{outcome="failed"}')).toBe(1);
    expect(value(text, 'hutong_webhook_deliveries_total{outcome="disabled"}')).toBe(2);
    expect(value(text, 'hutong_webhook_delivery_seconds_count{outcome="ok"}')).toBe(1);
    expect(value(text, 'hutong_webhook_delivery_seconds_count{outcome="failed"}')).toBe(3);
  });
});
