import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { address, openSalesWorld, payInSandbox, type Buyer, type SalesWorld } from '../sales/world';

/** A browser: every cookie the server sets is kept and sent back, as a browser does. */
class Browser {
  readonly cookies = new Map<string, string>();
  constructor(private readonly base: string) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const h: Record<string, string> = { ...headers, cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    if (body !== undefined) h['content-type'] = 'application/json';
    const res = await fetch(this.base + path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body), redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    const text = await res.text();
    let parsed: any = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* HTML */
    }
    return { status: res.status, body: parsed, headers: res.headers };
  }

  signal = (signal: string, room = 'demo') => this.request('POST', '/api/v1/shares/signals', { signal, room });
}

/**
 * Attribution: a friend who came through a share opens the cart, clicks out and pays; the shop's
 * funnel credits each to the share's channel and sharer, and the sharer sees the friend.
 */
describe('share attribution', () => {
  let world: SalesWorld;
  let alice: Buyer;
  let code: string;
  let bob: Browser;
  let paidMinor: number;

  const report = async (showId?: string) => (await world.owner.get(`/api/v1/shops/${world.shopId}/shares/report${showId ? `?showId=${showId}` : ''}`)).body;
  const row = (rows: any[], key: string) => rows.find((r) => r.key === key);

  beforeAll(async () => {
    world = await openSalesWorld();
    alice = await world.buyer('alice');
    code = (await alice.post('/api/v1/shares', { target: { room: 'demo' }, channel: 'wechat' })).body.share.code;
    bob = new Browser(world.server.url);
  }, 180_000); // a server (PGlite, migrations, the demo seed) starts slowly on a loaded machine
  afterAll(async () => world?.close());

  it('credits a friend’s visit, cart open, click-out and paid order to the share, its channel and its sharer', async () => {
    expect((await bob.request('GET', `/s/${code}`)).status).toBe(302);
    expect(bob.cookies.get('hutong_via')).toBe('1');
    // Bob logs in after arriving: the room page tells, and his visit becomes his account's.
    const signup = await bob.request('POST', '/api/v1/auth/signup', { email: `bob-${randomUUID().slice(0, 8)}@example.com`, password: 'a-good-password', displayName: 'bob' });
    expect(signup.status).toBe(201);
    expect((await bob.signal('room.opened')).status).toBe(204);
    await bob.signal('cart.opened');
    await bob.signal('link.clicked');

    const tea = world.products['云南普洱茶饼']!;
    const order = (await bob.request('POST', '/api/v1/orders', { roomId: world.roomId, lines: [{ productId: tea.id, quantity: 1 }], address }, { 'idempotency-key': randomUUID() })).body.order;
    const payment = (await bob.request('POST', `/api/v1/orders/${order.id}/payments`, {}, { 'idempotency-key': randomUUID() })).body.payment;
    expect(await payInSandbox(world.server.url, payment.payUrl)).toBe(200);
    paidMinor = order.totalMinor;

    await expect.poll(async () => row((await report()).byChannel, 'wechat')?.orders, { timeout: 10_000 }).toBe(1);
    const r = await report();
    expect(row(r.byChannel, 'wechat')).toEqual({
      key: 'wechat', label: 'wechat', shares: 1, visits: 1, visitors: 1, cartOpens: 1, clickOuts: 1, orders: 1, gmvMinor: { CNY: paidMinor },
    });
    expect(row(r.bySharer, alice.id)).toMatchObject({ label: 'alice', shares: 1, visits: 1, orders: 1, gmvMinor: { CNY: paidMinor } });
  });

  it('shows the sharer how many friends came and what they bought', async () => {
    const stats = (await alice.get('/api/v1/me/shares/stats')).body;
    expect(stats).toEqual({ shares: 1, visits: 1, friends: 1, orders: 1 });
    // The sharer opening their own link is not a friend.
    expect((await alice.request('GET', `/s/${code}`)).status).toBe(200); // followed to the room
    expect((await alice.get('/api/v1/me/shares/stats')).body.friends).toBe(1);
  });

  it('ignores signals from a browser with no visit of the share (a forged cookie) and from another shop’s room', async () => {
    const forger = new Browser(world.server.url);
    forger.cookies.set('hutong_share', code);
    forger.cookies.set('hutong_visitor', 'a-made-up-visitor-id');
    expect((await forger.signal('cart.opened')).status).toBe(204);
    const other = new Browser(world.server.url);
    await other.request('GET', `/s/${code}`);
    expect((await other.signal('cart.opened', 'no-such-room')).status).toBe(204);
    expect(row((await report()).byChannel, 'wechat').cartOpens).toBe(1);
  });

  it('credits an order once, to the share its buyer came through last', async () => {
    const again = await world.server.hutong.shares.attribution.orderPaid({
      shopId: world.shopId, orderId: randomUUID(), buyerId: alice.id, roomId: world.roomId, showId: null, amountMinor: 100, currency: 'CNY', at: new Date(),
    });
    expect(again).toBe(code); // alice visited her own share just now: it is hers
    const r = (await report()).byChannel;
    expect(row(r, 'wechat').orders).toBe(2);
  });

  it('reports one show: the shares made, visits and orders while it was live', async () => {
    const { show } = await world.server.hutong.shows.goLive(world.roomId);
    const during = (await alice.post('/api/v1/shares', { target: { room: 'demo' }, channel: 'qq' })).body.share.code;
    const carol = new Browser(world.server.url);
    await carol.request('GET', `/s/${during}`);
    await carol.signal('cart.opened');
    const r = await report(show.id);
    expect(r.showId).toBe(show.id);
    expect(r.byChannel).toEqual([{ key: 'qq', label: 'qq', shares: 1, visits: 1, visitors: 1, cartOpens: 1, clickOuts: 0, orders: 0, gmvMinor: {} }]);
  });
});
