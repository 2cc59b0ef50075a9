import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Webhook } from 'svix';
import { ApiClient } from '../support/http';
import { until } from '../support/hutong-process';
import { address, openSalesWorld, payInSandbox, type SalesWorld } from '../sales/world';
import { Receiver } from './receiver';

/**
 * Webhooks end to end: real orders in the demo shop produce events in sales' outbox, which reach a
 * real HTTP receiver signed so that svix's verifier (an independent Standard Webhooks
 * implementation) accepts them; a receiver that is down gets every event once it is back, in order;
 * one that keeps failing is disabled after the last attempt; every attempt is in the log.
 */
describe('webhooks', () => {
  let world: SalesWorld;
  let receiver: Receiver;
  const hooks = () => `/api/v1/shops/${world.shopId}/webhooks`;

  beforeAll(async () => {
    receiver = await Receiver.start();
    world = await openSalesWorld({
      env: {
        HUTONG_WEBHOOK_ALLOW_PRIVATE: 'true', HUTONG_WEBHOOK_RETRY_BASE_MS: '50', HUTONG_WEBHOOK_MAX_ATTEMPTS: '5',
        HUTONG_WEBHOOK_POLL_MS: '50', HUTONG_WEBHOOK_TIMEOUT_MS: '3000',
      },
    });
  });
  afterAll(async () => {
    await world?.close();
    await receiver?.close();
  });

  const subscribe = async (path: string, eventTypes: string[]) => {
    const res = await world.owner.post(hooks(), { url: receiver.url + path, eventTypes, description: path });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    return res.body as { webhook: { id: string }; secret: string };
  };
  const placeOrder = async (quantity = 1) => {
    const buyer = await world.buyer();
    const tea = world.products['云南普洱茶饼']!;
    const placed = await buyer.send('POST', '/api/v1/orders', { roomId: world.roomId, lines: [{ productId: tea.id, quantity }], address });
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    return { buyer, order: placed.body.order as { id: string; totalMinor: number } };
  };
  const dataOf = (body: string) => JSON.parse(body) as { type: string; timestamp: string; shopId: string; data: { orderId: string } };

  it('signs each event so that svix verifies it, and a redelivery carries the same webhook-id', async () => {
    const { webhook, secret } = await subscribe('/signed', ['order.created', 'order.paid']);
    const { buyer, order } = await placeOrder(2);
    const payment = (await buyer.send('POST', `/api/v1/orders/${order.id}/payments`, {})).body.payment;
    expect(await payInSandbox(world.server.url, payment.payUrl)).toBe(200);

    const got = await until(() => receiver.accepted('/signed').length >= 2 && receiver.accepted('/signed'), 'two events at /signed', 20_000);
    const verifier = new Webhook(secret);
    for (const r of got) {
      const headers = { 'webhook-id': String(r.headers['webhook-id']), 'webhook-timestamp': String(r.headers['webhook-timestamp']), 'webhook-signature': String(r.headers['webhook-signature']) };
      // svix 2.5's verify throws on a bad or stale signature and returns nothing when it is good.
      expect(() => verifier.verify(r.body, headers)).not.toThrow();
      expect(() => verifier.verify(r.body.replace(order.id, '00000000-0000-4000-8000-000000000000'), headers)).toThrow();
      expect(() => new Webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`).verify(r.body, headers)).toThrow();
      expect(r.headers['content-type']).toBe('application/json');
    }
    expect(got.map((r) => dataOf(r.body).type)).toEqual(['order.created', 'order.paid']);
    expect(got.map((r) => dataOf(r.body))).toEqual([
      expect.objectContaining({ shopId: world.shopId, data: expect.objectContaining({ orderId: order.id, state: 'pending_payment', totalMinor: order.totalMinor }) }),
      expect.objectContaining({ shopId: world.shopId, data: expect.objectContaining({ orderId: order.id, state: 'paid', paidMinor: order.totalMinor }) }),
    ]);

    // The log holds the request as sent and the answer; redelivering sends the same event again.
    const log = (await world.owner.get(`${hooks()}/${webhook.id}/deliveries`)).body.deliveries;
    expect(log.map((d: { eventType: string; state: string }) => [d.eventType, d.state])).toEqual([['order.paid', 'succeeded'], ['order.created', 'succeeded']]);
    const first = log[1];
    const detail = (await world.owner.get(`${hooks()}/${webhook.id}/deliveries/${first.id}`)).body;
    expect(detail.attempts).toHaveLength(1);
    expect(detail.attempts[0]).toMatchObject({ attempt: 1, responseStatus: 204, error: null, requestBody: got[0]!.body });
    expect(detail.attempts[0].requestHeaders['webhook-id']).toBe(first.messageId);
    const again = await world.owner.post(`${hooks()}/${webhook.id}/deliveries/${first.id}/redeliver`);
    expect(again.status).toBe(202);
    const third = await until(() => receiver.accepted('/signed')[2], 'the redelivery', 20_000);
    expect(third.headers['webhook-id']).toBe(got[0]!.headers['webhook-id']);
    expect(third.body).toBe(got[0]!.body);
    expect(Number(third.headers['webhook-timestamp'])).toBeGreaterThanOrEqual(Number(got[0]!.headers['webhook-timestamp']));
  });

  it('gives a receiver that was down every event once it is back, in order, each once', async () => {
    await subscribe('/down', ['order.created']);
    receiver.fail('/down', 3);
    const orders = [];
    for (let i = 0; i < 4; i++) orders.push((await placeOrder()).order.id);
    const got = await until(() => receiver.accepted('/down').length >= 4 && receiver.accepted('/down'), 'four events at /down', 30_000);
    expect(got.map((r) => dataOf(r.body).data.orderId)).toEqual(orders);
    const refused = receiver.received.filter((r) => r.path === '/down' && r.status === 503);
    expect(refused).toHaveLength(3);
    // The refused attempts were the first event's, retried with the same id until it went through.
    expect(new Set(refused.map((r) => r.headers['webhook-id']))).toEqual(new Set([got[0]!.headers['webhook-id']]));
    expect(new Set(got.map((r) => r.headers['webhook-id'])).size).toBe(4);
  });

  it('disables an endpoint whose delivery failed every attempt, logs each, and resumes when enabled', async () => {
    const { webhook } = await subscribe('/broken', ['order.created']);
    receiver.always('/broken', 500);
    const { order } = await placeOrder();
    const disabled = await until(
      async () => {
        const w = (await world.owner.get(`${hooks()}/${webhook.id}`)).body.webhook;
        return w.state === 'disabled' && w;
      },
      'the endpoint to be disabled',
      30_000,
    );
    expect(disabled.disabledReason).toBe('a delivery failed 5 times in a row');
    const [failed] = (await world.owner.get(`${hooks()}/${webhook.id}/deliveries`)).body.deliveries;
    expect(failed).toMatchObject({ state: 'failed', attempts: 5, lastStatus: 500, nextAttemptAt: null });
    const attempts = (await world.owner.get(`${hooks()}/${webhook.id}/deliveries/${failed.id}`)).body.attempts;
    expect(attempts.map((a: { responseStatus: number; responseBody: string }) => [a.responseStatus, a.responseBody])).toEqual(Array(5).fill([500, 'no (500)']));
    // Backoff: each wait longer than the last one's shortest possible (a quarter, with jitter).
    const at = attempts.map((a: { at: string }) => Date.parse(a.at));
    for (let i = 2; i < at.length; i++) expect(at[i] - at[i - 1]).toBeGreaterThanOrEqual(50 * 4 ** (i - 1) * 0.25 - 5);

    // Disabled: a new event is not queued for it. Enabled again and fixed: a redelivery goes through.
    await placeOrder();
    receiver.always('/broken', 200);
    expect((await world.owner.patch(`${hooks()}/${webhook.id}`, { enabled: true })).body.webhook).toMatchObject({ state: 'enabled', disabledReason: null });
    await world.owner.post(`${hooks()}/${webhook.id}/deliveries/${failed.id}/redeliver`);
    const ok = await until(() => receiver.accepted('/broken')[0], 'the redelivery to /broken', 20_000);
    expect(dataOf(ok.body).data.orderId).toBe(order.id);
  });

  it('sends a test event on request, and disables an endpoint at once on 410 Gone', async () => {
    const { webhook, secret } = await subscribe('/test', ['show.started']);
    const sent = await world.owner.post(`${hooks()}/${webhook.id}/test`);
    expect(sent.status).toBe(202);
    const r = await until(() => receiver.accepted('/test')[0], 'the test event', 20_000);
    expect(() => new Webhook(secret).verify(r.body, r.headers as Record<string, string>)).not.toThrow();
    expect(dataOf(r.body)).toMatchObject({ type: 'webhook.test', shopId: world.shopId });

    const gone = await subscribe('/gone', ['order.created']);
    receiver.always('/gone', 410);
    await placeOrder();
    const w = await until(async () => {
      const x = (await world.owner.get(`${hooks()}/${gone.webhook.id}`)).body.webhook;
      return x.state === 'disabled' && x;
    }, 'the 410 endpoint disabled', 20_000);
    expect(w.disabledReason).toBe('the endpoint answered 410 Gone');
    expect(receiver.received.filter((x) => x.path === '/gone')).toHaveLength(1);
  });

  it('lets only owners and keys with the webhooks scope manage webhooks, in their own shop', async () => {
    const keyed = async (scopes: string[]) =>
      new ApiClient(world.server.url, (await world.owner.post(`/api/v1/shops/${world.shopId}/api-keys`, { name: 'k', scopes })).body.secret);
    const without = await keyed(['sales:read', 'catalog:write']);
    expect((await without.get(hooks())).body.error.code).toBe('IDENTITY_API_KEY_SCOPE');
    expect((await without.post(hooks(), { url: `${receiver.url}/x`, eventTypes: ['order.paid'] })).body.error.code).toBe('IDENTITY_API_KEY_SCOPE');
    const withScope = await keyed(['webhooks']);
    const made = await withScope.post(hooks(), { url: `${receiver.url}/by-key`, eventTypes: ['order.paid'] });
    expect(made.status).toBe(201);
    expect((await withScope.get(`${hooks()}/${made.body.webhook.id}/secret`)).body.secret).toBe(made.body.secret);
    const buyer = await world.buyer();
    expect((await buyer.get(hooks())).body.error.code).toBe('IDENTITY_FORBIDDEN');
    expect((await world.owner.post(hooks(), { url: 'ftp://example.com/x', eventTypes: ['order.paid'] })).body.error.code).toBe('HTTP_VALIDATION_FAILED');
    expect((await world.owner.post(hooks(), { url: 'https://example.com/x', eventTypes: ['order.shipped'] })).body.error.code).toBe('HTTP_VALIDATION_FAILED');
  });

  it('tells show.started, item.pinned and show.ended from live\'s and the cart\'s outboxes, signed, in the order they happened', async () => {
    const { secret } = await subscribe('/show', ['show.started', 'item.pinned', 'show.ended', 'order.created']);
    const { show } = await world.server.hutong.shows.goLive(world.roomId);
    const cartPath = `/api/v1/shops/${world.shopId}/rooms/${world.roomId}/cart`;
    const items = (await world.owner.get(cartPath)).body.items as { id: string; number: number; kind: string; refId: string; title: string; policy: string }[];
    const shown = items.filter((i) => i.policy !== 'hidden');
    for (const item of shown.slice(0, 2)) expect((await world.owner.post(`${cartPath}/pin`, { itemId: item.id })).status).toBe(200);
    const { order } = await placeOrder();
    expect((await world.owner.post(`/api/v1/shops/${world.shopId}/rooms/${world.roomId}/shows/${show.id}/end`)).status).toBe(200);

    const got = await until(() => receiver.accepted('/show').length >= 5 && receiver.accepted('/show'), 'five events at /show', 20_000);
    const verifier = new Webhook(secret);
    for (const r of got) expect(() => verifier.verify(r.body, r.headers as Record<string, string>)).not.toThrow();
    const bodies = got.map((r) => JSON.parse(r.body) as { type: string; shopId: string; data: Record<string, unknown> });
    expect(bodies.map((b) => b.type)).toEqual(['show.started', 'item.pinned', 'item.pinned', 'order.created', 'show.ended']);
    expect(bodies[0]).toMatchObject({ shopId: world.shopId, data: { showId: show.id, roomId: world.roomId, roomSlug: 'demo', endedAt: null } });
    for (const [k, item] of shown.slice(0, 2).entries()) {
      expect(bodies[1 + k]!.data).toMatchObject({
        roomId: world.roomId, roomSlug: 'demo', itemId: item.id, number: item.number, kind: item.kind, title: item.title,
        [item.kind === 'product' ? 'productId' : 'listingId']: item.refId,
      });
    }
    expect(bodies[3]!.data.orderId).toBe(order.id);
    expect(bodies[4]!.data).toMatchObject({ showId: show.id, startedAt: bodies[0]!.data.startedAt, endedAt: expect.any(String) });
    expect(new Set(got.map((r) => r.headers['webhook-id'])).size).toBe(5);
  });

  it('rotates the secret: requests carry both signatures while the old secret is kept, then only the new one', async () => {
    const { webhook, secret: first } = await subscribe('/rotate', ['order.created']);
    const rotated = await world.owner.post(`${hooks()}/${webhook.id}/secret/rotate`, {});
    expect(rotated.status, JSON.stringify(rotated.body)).toBe(200);
    const second = rotated.body.secret as string;
    expect(second).toMatch(/^whsec_/);
    expect(second).not.toBe(first);
    const keptUntil = Date.parse(rotated.body.webhook.previousSecretExpiresAt);
    expect(keptUntil - Date.now()).toBeGreaterThan(23.9 * 3600_000);
    expect((await world.owner.get(`${hooks()}/${webhook.id}/secret`)).body.secret).toBe(second);

    await placeOrder();
    const during = await until(() => receiver.accepted('/rotate')[0], 'an event during the rotation', 20_000);
    const headersOf = (r: typeof during) => r.headers as Record<string, string>;
    expect(during.headers['webhook-signature']!.toString().split(' ')).toHaveLength(2);
    // A receiver still on the old secret and one already on the new both accept it.
    expect(() => new Webhook(first).verify(during.body, headersOf(during))).not.toThrow();
    expect(() => new Webhook(second).verify(during.body, headersOf(during))).not.toThrow();

    // Rotated again keeping nothing: only the newest secret signs.
    const again = await world.owner.post(`${hooks()}/${webhook.id}/secret/rotate`, { keepOldForHours: 0 });
    expect(again.body.webhook.previousSecretExpiresAt).toBeNull();
    const third = again.body.secret as string;
    await placeOrder();
    const after = await until(() => receiver.accepted('/rotate')[1], 'an event after the second rotation', 20_000);
    expect(after.headers['webhook-signature']!.toString().split(' ')).toHaveLength(1);
    expect(() => new Webhook(third).verify(after.body, headersOf(after))).not.toThrow();
    expect(() => new Webhook(second).verify(after.body, headersOf(after))).toThrow();
    expect(() => new Webhook(first).verify(after.body, headersOf(after))).toThrow();
    expect((await world.owner.post(`${hooks()}/${webhook.id}/secret/rotate`, { keepOldForHours: 500 })).body.error.code).toBe('HTTP_VALIDATION_FAILED');
  });
});
