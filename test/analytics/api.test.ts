import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';
import { TestViewer } from '../realtime/socket-client';

/**
 * The analytics API on the assembled app: real sockets counted by the room's hub, the viewer page's
 * beacon, a pinned product's window, the CSV export against the JSON series, and who may read what.
 */
let server: TestServer;
let owner: ApiClient;
let ops: ApiClient;
let shopId: string;
let roomId: string;
let showId: string;
const viewers: TestViewer[] = [];

beforeAll(async () => {
  server = await startTestServer();
  owner = new ApiClient(server.url);
  await owner.login(server.seed.ownerEmail, server.seed.ownerPassword);
  ops = new ApiClient(server.url);
  await ops.login(server.seed.operatorEmail, server.seed.ownerPassword);
  shopId = (await owner.get('/api/v1/me')).body.memberships[0].shop.id;
  const room = await server.hutong.rooms.bySlug('demo');
  roomId = room.id;
  showId = (await server.hutong.shows.goLive(roomId)).show.id;
  for (let i = 0; i < 3; i++) viewers.push(await TestViewer.join(server.url, 'demo'));
  // Likes come back in the room's counts once the hub settled them: the joins are counted by then.
  viewers[0]!.ws.send(JSON.stringify({ t: 'like', n: 7 }));
  await viewers[0]!.waitFor((f) => f.t === 'batch' && (f as { counts?: { likes: number } }).counts?.likes === 7, 10_000);
});

afterAll(async () => {
  for (const v of viewers) v.ws.close();
  await server?.close();
});

describe('a live show in the analytics API', () => {
  it('counts the sockets, the beacon and the pinned product, and pages the series', async () => {
    for (const type of ['cart.opened', 'cart.opened', 'shop.followed']) {
      expect((await owner.post('/api/v1/rooms/demo/analytics', { type })).status).toBe(204);
    }
    const cart = await server.hutong.cart.studioCart(shopId, roomId);
    const item = cart.items.find((i) => i.kind === 'product')!;
    expect((await new ApiClient(server.url).post('/api/v1/rooms/demo/analytics', { type: 'product.opened', itemId: item.id })).status).toBe(204);
    await server.hutong.cart.pin(shopId, roomId, item.id);
    // Two shares of the live room by the owner on one channel: the show's shares and its top sharer.
    for (let i = 0; i < 2; i++) expect((await owner.post('/api/v1/shares', { target: { room: 'demo' }, channel: 'wechat' })).status).toBe(201);
    // …and one by a visitor who is not logged in.
    expect((await new ApiClient(server.url).post('/api/v1/shares', { target: { room: 'demo' }, channel: 'qq' })).status).toBe(201);
    await server.hutong.analytics.settle();

    const report = await owner.get(`/api/v1/shops/${shopId}/analytics/shows/${showId}`);
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    expect(report.body.funnel).toEqual({ views: 3, cartOpens: 2, productClicks: 1, orders: 0, paid: 0 });
    expect(report.body.totals).toMatchObject({ pcu: 3, views: 3, unique: 3, likes: 7, follows: 1, shares: 3 });
    const sharers = await owner.get(`/api/v1/shops/${shopId}/analytics/shows/${showId}/sharers`);
    // By name, as identity has it (never read from its tables here).
    expect(sharers.body.sharers).toEqual([
      expect.objectContaining({ channel: 'wechat', shares: 2, displayName: '店主 Lin' }),
      { sharer: 'anonymous', displayName: null, channel: 'qq', shares: 1 },
    ]);

    const series = await owner.get(`/api/v1/shops/${shopId}/analytics/shows/${showId}/series?limit=100`);
    expect(series.body.minutes.at(-1)).toMatchObject({ onlinePeak: 3, viewsTotal: 3 });
    const products = await owner.get(`/api/v1/shops/${shopId}/analytics/shows/${showId}/products`);
    expect(products.body.products).toEqual([expect.objectContaining({ productId: item.refId, kind: 'product', clicks: 1 })]);
    const explains = await owner.get(`/api/v1/shops/${shopId}/analytics/shows/${showId}/explains`);
    expect(explains.body.explains).toEqual([expect.objectContaining({ itemId: item.id, refId: item.refId, unpinnedAt: null, orders: 0 })]);
    const shows = await owner.get(`/api/v1/shops/${shopId}/analytics/shows`);
    expect(shows.body.shows[0]).toMatchObject({ showId, views: 3, pcu: 3 });
  });

  it('exports the same minutes as CSV as the API answers', async () => {
    await server.hutong.analytics.settle();
    const json = await owner.get(`/api/v1/shops/${shopId}/analytics/shows/${showId}/series?limit=100`);
    const res = await owner.get<string>(`/api/v1/shops/${shopId}/analytics/shows/${showId}/series.csv`);
    expect(res.headers.get('content-type')).toContain('text/csv');
    // Numbers and ISO times only: no field needs quoting.
    const [header, ...lines] = res.body.trim().split('\n');
    const columns = header!.split(',');
    const rows = lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [columns[i]!, v])));
    expect(rows.length).toBe(json.body.minutes.length);
    expect(rows.length).toBeGreaterThan(0);
    rows.forEach((row, i) => {
      const minute = json.body.minutes[i];
      for (const [k, v] of Object.entries(minute)) expect(row[k], k).toBe(String(v));
    });
  });

  it("keeps a show's numbers to its shop, and gives the operator the overview", async () => {
    expect((await ops.get(`/api/v1/shops/${shopId}/analytics/shows/${showId}`)).status).toBe(403);
    expect((await owner.get(`/api/v1/ops/analytics/overview`)).status).toBe(403);
    const overview = await ops.get('/api/v1/ops/analytics/overview');
    expect(overview.body).toMatchObject({ liveNow: 1, onlineNow: 3, views: 3 });
    const rooms = await ops.get('/api/v1/ops/analytics/rooms');
    expect(rooms.body.rooms).toEqual([expect.objectContaining({ showId, roomId, online: 3 })]);
  });

  it("answers a show's replay for its report: none while it is live, and only in its own room", async () => {
    const replay = (show: string, room = roomId) => owner.get(`/api/v1/shops/${shopId}/rooms/${room}/shows/${show}/replay`);
    expect((await replay(showId)).body).toEqual({ replay: null }); // live: no recording to play yet
    expect((await replay('00000000-0000-4000-8000-000000000000')).body.error.code).toBe('LIVE_SHOW_NOT_FOUND');
    const other = (await server.hutong.rooms.bySlug('tea-night')).id;
    expect((await replay(showId, other)).body.error.code).toBe('LIVE_SHOW_NOT_FOUND');
    expect((await ops.get(`/api/v1/shops/${shopId}/rooms/${roomId}/shows/${showId}/replay`)).status).toBe(403);
  });

  it('refuses a beacon of an unknown kind', async () => {
    expect((await owner.post('/api/v1/rooms/demo/analytics', { type: 'bought' })).status).toBe(400);
  });
});
