import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/http';
import { TestViewer } from '../realtime/socket-client';
import { onEveryDatabase } from './databases';
import { address, openSalesWorld, payInSandbox, type Buyer, type SalesWorld } from './world';

/**
 * The merchant's side: orders filtered by state, show, date and buyer, paged and exported as CSV;
 * fulfilment; each show's orders, units and GMV; stock set only if unchanged; another shop sees none
 * of it. And the buyer's side of the room: a viewer who paid chats as `buyer`.
 */
onEveryDatabase((name, open) => {
  describe(`the merchant's orders on ${name}`, () => {
    let world: SalesWorld;
    let cleanup: (() => Promise<void>) | undefined;
    let buyer: Buyer;
    let other: Buyer;
    let showId: string;
    const orders: any[] = [];

    const place = async (b: Buyer, productTitle: string, quantity: number) =>
      (await b.send('POST', '/api/v1/orders', { roomId: world.roomId, lines: [{ productId: world.products[productTitle]!.id, quantity }], address })).body.order;
    const pay = async (b: Buyer, order: any) => payInSandbox(world.server.url, (await b.send('POST', `/api/v1/orders/${order.id}/payments`, {})).body.payment.payUrl);

    beforeAll(async () => {
      const opened = await open();
      cleanup = opened.cleanup;
      world = await openSalesWorld({ db: opened.db });
      buyer = await world.buyer('alice');
      other = await world.buyer('bob');
      orders.push(await place(buyer, '云南普洱茶饼', 1)); // before the show
      showId = (await world.server.hutong.shows.goLive(world.roomId)).show.id;
      orders.push(await place(buyer, '手工竹编收纳篮', 2), await place(other, '宁夏枸杞', 3), await place(other, '宁夏枸杞', 1));
      await pay(buyer, orders[1]);
      await pay(other, orders[2]);
    });
    afterAll(async () => {
      await world?.close();
      await cleanup?.();
    });

    const list = (query = '') => world.owner.get(`/api/v1/shops/${world.shopId}/orders${query}`);

    it('lists orders newest first, a page at a time, with who bought', async () => {
      const first = await list('?limit=3');
      expect(first.body.orders.map((o: any) => o.id)).toEqual([orders[3].id, orders[2].id, orders[1].id]);
      expect(first.body.orders[0].buyer).toEqual({ id: other.id, displayName: 'bob' });
      const second = await list(`?limit=3&after=${first.body.next}`);
      expect(second.body.orders.map((o: any) => o.id)).toEqual([orders[0].id]);
      expect(second.body.next).toBeNull();
    });

    it('filters by state, show, buyer and date', async () => {
      const ids = async (q: string) => (await list(q)).body.orders.map((o: any) => o.id).sort();
      expect(await ids('?state=paid')).toEqual([orders[1].id, orders[2].id].sort());
      expect(await ids(`?showId=${showId}`)).toEqual([orders[1].id, orders[2].id, orders[3].id].sort());
      expect(await ids(`?buyerId=${buyer.id}`)).toEqual([orders[0].id, orders[1].id].sort());
      expect(await ids(`?from=${encodeURIComponent(orders[1].createdAt)}&to=${encodeURIComponent(orders[3].createdAt)}`)).toEqual([orders[1].id, orders[2].id].sort());
      expect((await list('?state=lost')).body.error.code).toBe('HTTP_VALIDATION_FAILED');
    });

    it('exports the same orders as CSV, amounts in yuan, formulas escaped', async () => {
      const res = await fetch(`${world.server.url}/api/v1/shops/${world.shopId}/orders.csv?showId=${showId}`, { headers: { cookie: (world.owner as any).cookie } });
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      const text = (await res.text()).replace(/^\uFEFF/, '');
      const lines = text.trim().split('\n');
      expect(lines[0]).toMatch(/^order,created_at,state,kind,buyer,/);
      expect(lines).toHaveLength(4);
      const row = lines.find((l) => l.startsWith(orders[2].id))!;
      expect(row).toContain('宁夏枸杞 500g × 3');
      expect(row).toContain(',204.00,'); // 3 × 68.00
    });

    it('counts each show’s orders, units and GMV', async () => {
      const shows = (await world.owner.get(`/api/v1/shops/${world.shopId}/show-sales`)).body.shows;
      expect(shows).toEqual([
        expect.objectContaining({ showId, orders: 3, paidOrders: 2, units: 5, gmvMinor: 2 * 5_900 + 3 * 6_800, refundedMinor: 0, currency: 'CNY' }),
      ]);
    });

    it('ships a paid order with carrier and tracking, once; refuses to ship an unpaid one', async () => {
      const ship = (order: any, key: string) =>
        world.owner.request('POST', `/api/v1/shops/${world.shopId}/orders/${order.id}/ship`, { carrier: '中通', trackingNumber: 'ZT123456789' }, { 'idempotency-key': key });
      expect((await ship(orders[1], 's1')).body.order).toMatchObject({ state: 'shipped', carrier: '中通' });
      expect((await ship(orders[1], 's1')).headers.get('idempotent-replayed')).toBe('true');
      expect((await ship(orders[1], 's2')).body.error.code).toBe('SALES_ORDER_STATE');
      expect((await ship(orders[3], 's3')).body.error.code).toBe('SALES_ORDER_STATE');
    });

    it('sets stock only if it is still what the merchant saw', async () => {
      const goji = world.products['宁夏枸杞']!;
      const level = (await world.owner.get(`/api/v1/shops/${world.shopId}/stock`)).body.levels.find((l: any) => l.productId === goji.id);
      const set = (stock: number, expected: number) => world.owner.request('PUT', `/api/v1/shops/${world.shopId}/stock`, { productId: goji.id, stock, expected });
      expect((await set(10, level.stock + 1)).body.error.code).toBe('SALES_STOCK_CHANGED');
      expect((await set(10, level.stock)).status).toBe(204);
      expect((await world.owner.get(`/api/v1/shops/${world.shopId}/stock`)).body.levels.find((l: any) => l.productId === goji.id).stock).toBe(10);
    });

    it('shows another shop none of it', async () => {
      const stranger = new ApiClient(world.server.url);
      await stranger.post('/api/v1/auth/signup', { email: 'other-owner@example.com', password: 'a-good-password', displayName: 'other owner' });
      await stranger.post('/api/v1/shops', { slug: 'other-shop', name: 'Other' });
      expect((await stranger.get(`/api/v1/shops/${world.shopId}/orders`)).body.error.code).toBe('IDENTITY_FORBIDDEN');
      expect((await stranger.get(`/api/v1/shops/${world.shopId}/orders.csv`)).status).toBe(403);
      expect((await stranger.request('POST', `/api/v1/shops/${world.shopId}/orders/${orders[2].id}/refunds`, { reason: 'x' }, { 'idempotency-key': 'k' })).body.error.code).toBe('IDENTITY_FORBIDDEN');
      const otherShop = (await stranger.get('/api/v1/me')).body.memberships[0].shop.id;
      expect((await stranger.get(`/api/v1/shops/${otherShop}/orders/${orders[2].id}`)).body.error.code).toBe('SALES_ORDER_NOT_FOUND');
      expect((await other.get(`/api/v1/orders/${orders[0].id}`)).body.error.code).toBe('SALES_ORDER_NOT_FOUND');
    });

    it('gives a buyer who paid the buyer role in the room’s chat, at once on an open socket and on the next join', async () => {
      const cookieOf = (c: ApiClient) => (c as any).cookie as string;
      const join = async (c: ApiClient) => {
        const v = await TestViewer.join(world.server.url, 'demo', { cookie: cookieOf(c) });
        await v.waitFor((f) => f.t === 'hello');
        return v;
      };
      const third = await world.buyer('carol');
      const socket = await join(third);
      expect(socket.hello.viewer.role).toBe('viewer');
      const order = await place(third, '云南普洱茶饼', 1);
      await pay(third, order);
      // The role arrives over the bus; chat until a message goes out as a buyer's.
      let ref = '';
      const sent = await (async () => {
        for (let i = 0; i < 50; i++) {
          ref = `r${i}`;
          socket.send({ t: 'chat', ref, text: `我买了 ${i}` });
          const ack = await socket.waitFor((f) => (f.t === 'ack' || f.t === 'error') && f.ref === ref);
          if (ack.t === 'ack' && ack.message.from.role === 'buyer') return ack;
          await new Promise((r) => setTimeout(r, 100));
        }
        return undefined;
      })();
      expect(sent?.t).toBe('ack');
      socket.ws.close();
      const again = await join(third);
      expect(again.hello.viewer.role).toBe('buyer');
      again.ws.close();
      const stranger = await join(other);
      expect(stranger.hello.viewer.role).toBe('buyer'); // bob paid during the show
      stranger.ws.close();
      const notPaid = await world.buyer('dave');
      const v = await join(notPaid);
      expect(v.hello.viewer.role).toBe('viewer');
      v.ws.close();
    });
  });
});
