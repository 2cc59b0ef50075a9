import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';
import { TestViewer } from '../realtime/socket-client';

/**
 * Discovery over HTTP, as any visitor browses it: shows live now (with views), upcoming, replays,
 * paged with `?limit=&after=`; a shop's page and rooms; and follows, each account its own.
 */
describe('discovery and follows', () => {
  let server: TestServer;
  let anon: ApiClient;
  let owner: ApiClient;
  const live: string[] = [];

  beforeAll(async () => {
    server = await startTestServer({ env: { HUTONG_SECRET: 'd'.repeat(40) } });
    anon = new ApiClient(server.url);
    owner = new ApiClient(server.url);
    await owner.login(server.seed.ownerEmail, server.seed.ownerPassword);
    const { hutong } = server;
    // Three live rooms: two in the demo shop, one in another shop; started one after another.
    const demo = await hutong.identity.shops.bySlug('demo');
    const other = await hutong.identity.shops.create((await hutong.identity.accounts.register({ email: 'tea@example.com', password: 'tea-shop-pass', displayName: '茶' })).id, { slug: 'tea-hill', name: '茶山小铺' });
    for (const [shopId, slug] of [[demo!.id, 'demo'], [other.id, 'hill-1'], [demo!.id, 'demo-2']] as const) {
      const room = slug === 'demo' ? await hutong.rooms.bySlug('demo') : await hutong.rooms.create(shopId, { slug, title: `${slug} 直播间` });
      await hutong.shows.goLive(room.id);
      live.push(slug);
      await new Promise((r) => setTimeout(r, 5)); // distinct start times
    }
  });
  afterAll(() => server?.close());

  it('lists rooms live now, newest first, page by page without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: any = await anon.get(`/api/v1/discover/live?limit=2${after ? `&after=${after}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.shows.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.shows.map((c: any) => c.room.slug));
      after = page.body.next;
    } while (after);
    expect(seen).toEqual([...live].reverse());
    const first = (await anon.get('/api/v1/discover/live?limit=1')).body.shows[0];
    expect(first).toMatchObject({ room: { slug: 'demo-2' }, shop: { slug: 'demo', name: 'hutong 演示店' }, show: { state: 'live' }, views: 0 });
  });

  it('counts a viewer who joins a live room in its views', async () => {
    const viewer = await TestViewer.join(server.url, 'hill-1');
    await viewer.waitFor((f) => f.t === 'hello');
    const views = async () => (await anon.get('/api/v1/discover/live?shops=tea-hill')).body.shows[0]?.views;
    await expect.poll(views).toBe(1);
    await viewer.close();
  });

  it("filters by shops, as the home page does with a viewer's follows", async () => {
    const only = await anon.get('/api/v1/discover/live?shops=tea-hill,no-such-shop');
    expect(only.body.shows.map((c: any) => c.room.slug)).toEqual(['hill-1']);
    const none = await anon.get('/api/v1/discover/live?shops=no-such-shop');
    expect(none.body).toEqual({ shows: [], next: null });
  });

  it('lists upcoming shows soonest first, and replays once a recorded show ends', async () => {
    const upcoming = await anon.get('/api/v1/discover/upcoming');
    expect(upcoming.body.shows.map((c: any) => [c.room.slug, c.show.title])).toEqual([['tea-night', '紫砂与青花：茶器专场']]);
    expect(upcoming.body.shows[0].show.coverUrl).toMatch(/^\/api\/v1\/images\//);

    expect((await anon.get('/api/v1/discover/replays')).body.shows).toEqual([]);
    const { hutong } = server;
    const show = (await hutong.shows.presentedIn((await hutong.rooms.bySlug('demo-2')).id))!.show;
    await hutong.shows.setRecording(show.id, new Date(), 'recording-demo-2');
    await hutong.shows.end(show.id);
    const replays = await anon.get('/api/v1/discover/replays');
    expect(replays.body.shows.map((c: any) => [c.room.slug, c.show.state, c.views])).toEqual([['demo-2', 'ended', null]]);
    expect((await anon.get('/api/v1/discover/live')).body.shows.map((c: any) => c.room.slug)).not.toContain('demo-2');
  });

  it('refuses a forged cursor, a bad limit and too many shops, with coded errors', async () => {
    const tampered = await anon.get('/api/v1/discover/live?after=eyJub3QiOiJhIGN1cnNvciJ9');
    expect([tampered.status, tampered.body.error.code]).toEqual([400, 'HTTP_VALIDATION_FAILED']);
    for (const query of ['limit=0', 'limit=101', `shops=${Array.from({ length: 51 }, (_, i) => `s${i}`).join(',')}`]) {
      const bad = await anon.get(`/api/v1/discover/upcoming?${query}`);
      expect([bad.status, bad.body.error.code]).toEqual([400, 'HTTP_VALIDATION_FAILED']);
    }
  });

  it("shows a shop's page and its rooms, each live or not", async () => {
    const page = await anon.get('/api/v1/shops/by-slug/demo');
    expect(page.body).toMatchObject({ shop: { slug: 'demo', name: 'hutong 演示店' }, followers: 0, following: false });
    const rooms = await anon.get('/api/v1/shops/by-slug/demo/rooms?limit=2');
    expect(rooms.body.rooms).toEqual([
      { slug: 'demo', title: '互通开播：好物直播间', live: true },
      { slug: 'tea-night', title: '茶器夜话', live: false },
    ]);
    const rest = await anon.get(`/api/v1/shops/by-slug/demo/rooms?limit=2&after=${rooms.body.next}`);
    expect(rest.body).toEqual({ rooms: [{ slug: 'demo-2', title: 'demo-2 直播间', live: false }], next: null });
    const missing = await anon.get('/api/v1/shops/by-slug/no-such-shop');
    expect([missing.status, missing.body.error.code]).toEqual([404, 'IDENTITY_SHOP_NOT_FOUND']);
  });

  it('keeps follows per account: follow, list, follow again, unfollow', async () => {
    expect((await anon.request('PUT', '/api/v1/me/follows/demo')).body.error.code).toBe('IDENTITY_UNAUTHENTICATED');
    const a = new ApiClient(server.url);
    await a.post('/api/v1/auth/signup', { email: 'fan-a@example.com', password: 'fan-a-password', displayName: 'A' });
    const b = new ApiClient(server.url);
    await b.post('/api/v1/auth/signup', { email: 'fan-b@example.com', password: 'fan-b-password', displayName: 'B' });

    const followed = await a.request('PUT', '/api/v1/me/follows/demo');
    expect(followed.body).toMatchObject({ follow: { shop: { slug: 'demo' } }, followers: 1 });
    await a.request('PUT', '/api/v1/me/follows/tea-hill');
    expect((await a.request('PUT', '/api/v1/me/follows/demo')).body).toMatchObject({ follow: { followedAt: followed.body.follow.followedAt }, followers: 1 });
    expect((await a.request('PUT', '/api/v1/me/follows/no-such-shop')).body.error.code).toBe('IDENTITY_SHOP_NOT_FOUND');

    const first = await a.get('/api/v1/me/follows?limit=1');
    expect(first.body.follows.map((f: any) => f.shop.slug)).toEqual(['tea-hill']);
    const second = await a.get(`/api/v1/me/follows?limit=1&after=${first.body.next}`);
    expect(second.body).toMatchObject({ follows: [{ shop: { slug: 'demo', name: 'hutong 演示店' } }], next: null });
    expect((await a.get('/api/v1/shops/by-slug/demo')).body).toMatchObject({ followers: 1, following: true });

    // Another account sees none of A's follows, and counts as a follower of its own.
    expect((await b.get('/api/v1/me/follows')).body).toEqual({ follows: [], next: null });
    expect((await b.get('/api/v1/shops/by-slug/demo')).body).toMatchObject({ followers: 1, following: false });

    expect((await a.delete('/api/v1/me/follows/demo')).status).toBe(204);
    expect((await a.get('/api/v1/me/follows')).body.follows.map((f: any) => f.shop.slug)).toEqual(['tea-hill']);
    expect((await anon.get('/api/v1/shops/by-slug/demo')).body.followers).toBe(0);
  });

  it('refuses follows to an API key: they belong to accounts', async () => {
    const shopId = (await owner.get('/api/v1/me')).body.memberships[0].shop.id;
    const { secret } = (await owner.post(`/api/v1/shops/${shopId}/api-keys`, { name: 'k' })).body;
    const res = await owner.withKey(secret).request('PUT', '/api/v1/me/follows/demo');
    expect([res.status, res.body.error.code]).toEqual([403, 'IDENTITY_FORBIDDEN']);
  });
});
