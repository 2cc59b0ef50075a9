import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Webhook } from 'svix';
import { manualClock } from '../../src/kernel/clock';
import { until } from '../support/hutong-process';
import { makeBuyers } from '../sales/buyers';
import { onEveryDatabase } from '../sales/databases';
import { address, openSalesWorld, payInSandbox, type Buyer, type SalesWorld } from '../sales/world';
import { decodeQr, meta, titleOf } from '../shares/helpers';
import { Receiver } from '../webhooks/receiver';

const HOUR = 3_600_000;

/**
 * Claimable gifts end to end: a coupon or a paid product sent as a link, token and QR; claimed by
 * exactly one of many racing friends, never by its sender, never after its window; returned by the
 * sweep with an injected clock (coupon back to the sender, order refunded with its stock back);
 * `gift.claimed` delivered to a shop's webhook from the gifts outbox.
 */
onEveryDatabase((name, open) => {
  describe(`gifts on ${name}`, () => {
    const clock = manualClock(new Date());
    let world: SalesWorld;
    let receiver: Receiver;
    let cleanup: (() => Promise<void>) | undefined;

    beforeAll(async () => {
      receiver = await Receiver.start();
      const opened = await open();
      cleanup = opened.cleanup;
      world = await openSalesWorld({
        db: opened.db, clock,
        env: { HUTONG_GIFT_CLAIM_HOURS: '24', HUTONG_WEBHOOK_ALLOW_PRIVATE: 'true', HUTONG_WEBHOOK_POLL_MS: '50', HUTONG_WEBHOOK_RETRY_BASE_MS: '50' },
      });
    });
    afterAll(async () => {
      await world?.close();
      await cleanup?.();
      await receiver?.close();
    });

    /** A coupon of the demo shop claimed by `buyer`: answers the claim's id. */
    const couponFor = async (buyer: Buyer, body: object = {}) => {
      const coupon = (await world.owner.post(`/api/v1/shops/${world.shopId}/coupons`, {
        title: '好友券', kind: 'amount', amountMinor: 1000, currency: 'CNY', total: 10, validMinutes: 3 * 24 * 60, ...body,
      })).body.coupon;
      const claim = await buyer.post(`/api/v1/coupons/${coupon.id}/claims`, {});
      expect(claim.status, JSON.stringify(claim.body)).toBe(201);
      return claim.body.claim.id as string;
    };
    const tea = () => world.products['云南普洱茶饼']!;
    const stockOf = async (productId: string) => (await world.owner.get(`/api/v1/shops/${world.shopId}/products/${productId}`)).body.product.stock as number;

    /** A paid gift order of `quantity` teas: placed without an address, paid in the sandbox. */
    const paidGiftOrder = async (buyer: Buyer, quantity = 1) => {
      const placed = await buyer.send('POST', '/api/v1/orders', { roomId: world.roomId, lines: [{ productId: tea().id, quantity }], gift: true });
      expect(placed.status, JSON.stringify(placed.body)).toBe(201);
      expect(placed.body.order).toMatchObject({ gift: true, address: null });
      const payment = (await buyer.send('POST', `/api/v1/orders/${placed.body.order.id}/payments`, {})).body.payment;
      expect(await payInSandbox(world.server.url, payment.payUrl)).toBe(200);
      return placed.body.order.id as string;
    };

    it('sends a coupon as a link, token and QR; the claim is held meanwhile; a friend claims it and gift.claimed reaches the webhook', { timeout: 120_000 }, async () => {
      const hook = await world.owner.post(`/api/v1/shops/${world.shopId}/webhooks`, { url: `${receiver.url}/gifts-${name}`, eventTypes: ['gift.claimed'] });
      expect(hook.status, JSON.stringify(hook.body)).toBe(201);
      const sender = await world.buyer('wang');
      const friend = await world.buyer('li');
      const claimId = await couponFor(sender);

      const sent = await sender.post('/api/v1/gifts', { coupon: claimId, message: '生日快乐' });
      expect(sent.status, JSON.stringify(sent.body)).toBe(201);
      const gift = sent.body.gift;
      expect(gift).toMatchObject({ kind: 'coupon', state: 'open', message: '生日快乐', what: { title: '好友券', valueMinor: 1000 }, claimedBy: null });
      expect(gift.url).toBe(`${world.server.hutong.config.publicUrl}/g/${gift.code}`);
      expect(gift.token).toMatch(new RegExp(`^￥${gift.code}￥ 打开 hutong 领取礼物「好友券」$`));
      expect(new Date(gift.expiresAt).getTime() - clock.now().getTime()).toBe(24 * HOUR);
      // The same claim sent again answers the same gift.
      expect((await sender.post('/api/v1/gifts', { coupon: claimId })).body.gift.code).toBe(gift.code);

      // The QR, read by an independent decoder, is the claim link; a pasted token finds the gift.
      const png = Buffer.from(await (await fetch(`${world.server.url}/api/v1/gifts/${gift.code}/qr.png`)).arrayBuffer());
      expect(decodeQr(png)).toBe(gift.url);
      const resolved = await friend.get(`/api/v1/gifts/resolve?text=${encodeURIComponent(`快领 ${gift.token.replace('￥', '¥').replace('￥', '¥')} 哦`)}`);
      expect(resolved.body).toEqual({ code: gift.code, url: gift.url });

      // While offered, the sender cannot spend it on an order.
      const spend = await sender.send('POST', '/api/v1/orders', { roomId: world.roomId, lines: [{ productId: tea().id, quantity: 1 }], couponClaimIds: [claimId], address });
      expect(spend.body.error?.code).toBe('SALES_COUPON_GIFTED');

      // The friend sees it before claiming; the sender cannot claim their own gift.
      const seen = await friend.get(`/api/v1/gifts/${gift.code}`);
      expect(seen.body.gift).toMatchObject({ state: 'open', kind: 'coupon', sender: { displayName: 'wang' }, needsAddress: false, yours: false });
      const own = await sender.post(`/api/v1/gifts/${gift.code}/claims`, {});
      expect([own.status, own.body.error.code]).toEqual([403, 'GIFTS_OWN_GIFT']);
      expect((await world.buyer().then((b) => b.get(`/api/v1/gifts/${gift.code}`))).status).toBe(200);

      const claimed = await friend.post(`/api/v1/gifts/${gift.code}/claims`, {});
      expect(claimed.status, JSON.stringify(claimed.body)).toBe(201);
      expect(claimed.body).toMatchObject({ couponClaimId: claimId, orderId: null, gift: { state: 'claimed', claimedByYou: true } });
      const mine = (await friend.get('/api/v1/me/coupons')).body.claims;
      expect(mine.map((c: { id: string; giftHeldAt: string | null }) => [c.id, c.giftHeldAt])).toEqual([[claimId, null]]);
      expect((await sender.get('/api/v1/me/coupons')).body.claims).toEqual([]);
      const again = await friend.post(`/api/v1/gifts/${gift.code}/claims`, {});
      expect([again.status, again.body.error.code]).toEqual([409, 'GIFTS_ALREADY_CLAIMED']);

      // "My gifts": claimed, by whom.
      const gifts = (await sender.get('/api/v1/me/gifts')).body.gifts;
      expect(gifts[0]).toMatchObject({ code: gift.code, state: 'claimed', claimedBy: { id: friend.id, displayName: 'li' } });

      // gift.claimed, from the outbox written with the claim, signed so that svix verifies it.
      // On PostgreSQL an outbox gives out only what committed before the oldest transaction still
      // open anywhere on the server (other suites' databases included): allow for their longest.
      const [got] = await until(() => receiver.accepted(`/gifts-${name}`).length > 0 && receiver.accepted(`/gifts-${name}`), 'gift.claimed at the receiver', 60_000);
      const headers = { 'webhook-id': String(got!.headers['webhook-id']), 'webhook-timestamp': String(got!.headers['webhook-timestamp']), 'webhook-signature': String(got!.headers['webhook-signature']) };
      expect(() => new Webhook(hook.body.secret).verify(got!.body, headers)).not.toThrow();
      expect(JSON.parse(got!.body)).toMatchObject({
        type: 'gift.claimed', shopId: world.shopId,
        data: { giftId: gift.id, kind: 'coupon', senderId: sender.id, recipientId: friend.id, couponClaimId: claimId, orderId: null },
      });
      expect(got!.body).not.toContain(gift.code);
    });

    it('gives a gift to exactly one of 40 friends claiming at once; the others get GIFTS_ALREADY_CLAIMED', { timeout: 60_000 }, async () => {
      const sender = await world.buyer();
      const gift = (await sender.post('/api/v1/gifts', { coupon: await couponFor(sender) })).body.gift;
      const friends = await makeBuyers(world.server.hutong.db, 40, clock.now());
      const results = await Promise.all(
        friends.map((f) =>
          fetch(`${world.server.url}/api/v1/gifts/${gift.code}/claims`, { method: 'POST', headers: { cookie: f.cookie, 'content-type': 'application/json' }, body: '{}' })
            .then(async (r) => ({ status: r.status, body: (await r.json()) as any })),
        ),
      );
      const won = results.filter((r) => r.status === 201);
      expect(won).toHaveLength(1);
      expect(results.filter((r) => r.status === 409).map((r) => r.body.error.code)).toEqual(Array(39).fill('GIFTS_ALREADY_CLAIMED'));
      const winner = friends[results.indexOf(won[0]!)]!;
      const mine = (await sender.get('/api/v1/me/gifts')).body.gifts[0];
      expect(mine).toMatchObject({ state: 'claimed', claimedBy: { id: winner.id } });
    });

    it('sends a paid product as a gift: the friend gives the address, the shop can ship only then', async () => {
      const sender = await world.buyer();
      const friend = await world.buyer();
      const orderId = await paidGiftOrder(sender, 2);
      const ship = await world.owner.request('POST', `/api/v1/shops/${world.shopId}/orders/${orderId}/ship`, { carrier: '顺丰', trackingNumber: 'SF1234567' }, { 'idempotency-key': `ship-early-${name}` });
      expect(ship.body.error?.code).toBe('SALES_GIFT_NOT_CLAIMED');

      const gift = (await sender.post('/api/v1/gifts', { order: orderId })).body.gift;
      expect(gift).toMatchObject({ kind: 'product', state: 'open', what: { title: expect.stringContaining('云南普洱茶饼'), units: 2 } });
      const view = (await friend.get(`/api/v1/gifts/${gift.code}`)).body.gift;
      expect(view).toMatchObject({ kind: 'product', needsAddress: true });
      const noAddress = await friend.post(`/api/v1/gifts/${gift.code}/claims`, {});
      expect([noAddress.status, noAddress.body.error.code]).toEqual([400, 'GIFTS_ADDRESS_REQUIRED']);
      const claimed = await friend.post(`/api/v1/gifts/${gift.code}/claims`, { address });
      expect(claimed.status, JSON.stringify(claimed.body)).toBe(201);
      expect(claimed.body.orderId).toBe(orderId);

      const order = (await world.owner.get(`/api/v1/shops/${world.shopId}/orders/${orderId}`)).body.order;
      expect(order).toMatchObject({ gift: true, state: 'paid', address: { name: address.name, city: address.city } });
      const shipped = await world.owner.request('POST', `/api/v1/shops/${world.shopId}/orders/${orderId}/ship`, { carrier: '顺丰', trackingNumber: 'SF1234567' }, { 'idempotency-key': `ship-${name}` });
      expect(shipped.status, JSON.stringify(shipped.body)).toBe(200);
    });

    it('answers /g/CODE with link-preview tags and a card for any client, like /s/CODE; an unknown code is a 404 page', async () => {
      const sender = await world.buyer('zhao');
      const friend = await world.buyer();
      const gift = (await sender.post('/api/v1/gifts', { order: await paidGiftOrder(sender, 1), message: '尝尝' })).body.gift;
      // Like curl: no Accept header, no browser.
      const page = async (path: string) => {
        const res = await fetch(world.server.url + path, { headers: { accept: '*/*', 'user-agent': 'curl/8.5.0' }, redirect: 'manual' });
        return { res, html: await res.text() };
      };
      const publicUrl = world.server.hutong.config.publicUrl;
      const { res, html } = await page(`/g/${gift.code}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(titleOf(html)).toBe(`zhao 送你一份礼物：${gift.what.title} · hutong`);
      expect(meta(html, 'og:title')).toBe(`zhao 送你一份礼物：${gift.what.title}`);
      expect(meta(html, 'twitter:title')).toBe(meta(html, 'og:title'));
      expect(meta(html, 'og:url')).toBe(`${publicUrl}/g/${gift.code}`);
      expect(meta(html, 'og:description')).toContain('尝尝');
      expect(meta(html, 'og:description')).toContain('点开领取');
      expect(meta(html, 'twitter:card')).toBe('summary_large_image');
      const image = meta(html, 'og:image')!;
      expect(image).toBe(`${publicUrl}/api/v1/gifts/${gift.code}/card.png`);
      expect(meta(html, 'twitter:image')).toBe(image);
      const card = await fetch(world.server.url + new URL(image).pathname);
      expect([card.status, card.headers.get('content-type')]).toEqual([200, 'image/png']);
      const png = Buffer.from(await card.arrayBuffer());
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);

      // Once claimed, a preview says so.
      expect((await friend.post(`/api/v1/gifts/${gift.code}/claims`, { address })).status).toBe(201);
      expect(meta((await page(`/g/${gift.code}`)).html, 'og:description')).toContain('已被领取');

      const unknown = await page('/g/ZZZZZZZZZZZ');
      expect(unknown.res.status).toBe(404);
      expect(unknown.res.headers.get('content-type')).toMatch(/^text\/html/);
      expect((await fetch(`${world.server.url}/api/v1/gifts/ZZZZZZZZZZZ/card.png`)).status).toBe(404);
    });

    it('returns what nobody claimed in its window: the coupon to its sender, the order refunded with its stock back; gift.returned reaches the webhook', { timeout: 120_000 }, async () => {
      const hook = await world.owner.post(`/api/v1/shops/${world.shopId}/webhooks`, { url: `${receiver.url}/returned-${name}`, eventTypes: ['gift.returned'] });
      expect(hook.status, JSON.stringify(hook.body)).toBe(201);
      const sender = await world.buyer();
      const friend = await world.buyer();
      const claimId = await couponFor(sender);
      const couponGift = (await sender.post('/api/v1/gifts', { coupon: claimId })).body.gift;
      const before = await stockOf(tea().id);
      const orderId = await paidGiftOrder(sender, 3);
      expect(await stockOf(tea().id)).toBe(before - 3);
      const orderGift = (await sender.post('/api/v1/gifts', { order: orderId })).body.gift;

      // Just before the window closes nothing goes back; a claim still could.
      clock.advance(24 * HOUR - 1000);
      await world.server.hutong.gifts.sweep();
      expect((await friend.get(`/api/v1/gifts/${couponGift.code}`)).body.gift.state).toBe('open');

      // After it: a claim is refused even before the sweep has run…
      clock.advance(2000);
      const late = await friend.post(`/api/v1/gifts/${couponGift.code}/claims`, {});
      expect([late.status, late.body.error.code]).toEqual([410, 'GIFTS_EXPIRED']);
      expect((await friend.get(`/api/v1/gifts/${couponGift.code}`)).body.gift.state).toBe('expired');

      // …and the sweep gives both back.
      expect(await world.server.hutong.gifts.sweep()).toBeGreaterThanOrEqual(2);
      const states = Object.fromEntries((await sender.get('/api/v1/me/gifts')).body.gifts.map((g: { code: string; state: string; returnedAt: string }) => [g.code, [g.state, !!g.returnedAt]]));
      expect(states).toEqual({ [couponGift.code]: ['returned', true], [orderGift.code]: ['returned', true] });
      const back = (await sender.get('/api/v1/me/coupons')).body.claims;
      expect(back.map((c: { id: string; giftHeldAt: string | null; orderId: string | null }) => [c.id, c.giftHeldAt, c.orderId])).toEqual([[claimId, null, null]]);
      const order = (await sender.get(`/api/v1/orders/${orderId}`)).body.order;
      expect(order).toMatchObject({ state: 'refunded', refundedMinor: order.paidMinor });
      expect(await stockOf(tea().id)).toBe(before);
      const refused = await friend.post(`/api/v1/gifts/${orderGift.code}/claims`, { address });
      expect([refused.status, refused.body.error.code]).toEqual([410, 'GIFTS_EXPIRED']);
      // A second sweep has nothing left to return.
      expect(await world.server.hutong.gifts.sweep()).toBe(0);

      // gift.returned for each, from the outbox written with the return, signed as svix signs (the
      // injected clock is a day ahead, so svix's own verify would refuse the timestamp as too new).
      // On PostgreSQL after the oldest transaction open anywhere on the server: allow for the longest.
      const ours = () => receiver.accepted(`/returned-${name}`).filter((g) => g.body.includes(couponGift.id) || g.body.includes(orderGift.id));
      const got = await until(() => ours().length >= 2 && ours(), 'gift.returned at the receiver', 60_000);
      const signer = new Webhook(hook.body.secret);
      for (const g of got) {
        const at = new Date(Number(g.headers['webhook-timestamp']) * 1000);
        expect(String(g.headers['webhook-signature'])).toBe(signer.sign(String(g.headers['webhook-id']), at, g.body));
      }
      const bodies = got.map((g) => JSON.parse(g.body) as { type: string; shopId: string; data: { giftId: string } });
      expect(bodies.map((b) => b.type)).toEqual(['gift.returned', 'gift.returned']);
      expect(Object.fromEntries(bodies.map((b) => [b.data.giftId, b.data]))).toEqual({
        [couponGift.id]: { giftId: couponGift.id, kind: 'coupon', senderId: sender.id, couponClaimId: claimId, orderId: null, returnedAt: expect.any(String) },
        [orderGift.id]: { giftId: orderGift.id, kind: 'product', senderId: sender.id, couponClaimId: null, orderId, returnedAt: expect.any(String) },
      });
    });

    it('refuses what cannot be sent: another buyer’s coupon, an unpaid or ordinary order, an unknown code', async () => {
      const sender = await world.buyer();
      const other = await world.buyer();
      const claimId = await couponFor(other);
      expect((await sender.post('/api/v1/gifts', { coupon: claimId })).body.error.code).toBe('SALES_COUPON_NOT_FOUND');
      const plain = await sender.send('POST', '/api/v1/orders', { roomId: world.roomId, lines: [{ productId: tea().id, quantity: 1 }], address });
      expect((await sender.post('/api/v1/gifts', { order: plain.body.order.id })).body.error.code).toBe('SALES_ORDER_NOT_GIFT');
      const unpaid = await sender.send('POST', '/api/v1/orders', { roomId: world.roomId, lines: [{ productId: tea().id, quantity: 1 }], gift: true });
      expect((await sender.post('/api/v1/gifts', { order: unpaid.body.order.id })).body.error.code).toBe('SALES_ORDER_NOT_GIFT');
      const unknown = await sender.post('/api/v1/gifts/abcdefghijk/claims', {});
      expect([unknown.status, unknown.body.error.code]).toEqual([404, 'GIFTS_NOT_FOUND']);
      const anonymous = await fetch(`${world.server.url}/api/v1/gifts/abcdefghijk/claims`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(anonymous.status).toBe(401);
    });
  });
});
