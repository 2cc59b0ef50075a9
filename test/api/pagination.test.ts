import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

/**
 * Every list route pages the same way: `?limit=&after=`, the items and `next`. Lists used to stop
 * silently at 500 (products, listings); a walk over the pages must now reach every row exactly once.
 */
let server: TestServer;
let owner: ApiClient;
let ops: ApiClient;
let shopId: string;
let roomId: string;

/** Follows `next` from the first page; returns every item's id in order and the pages' sizes. */
async function walk(client: ApiClient, path: string, name: string, limit: number, idOf = (x: { id: string }) => x.id, from: string | null = null) {
  const ids: string[] = [];
  const sizes: number[] = [];
  let after = from;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const res = await client.get(`${path}${sep}limit=${limit}${after ? `&after=${after}` : ''}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    ids.push(...res.body[name].map(idOf));
    sizes.push(res.body[name].length);
    after = res.body.next;
  } while (after !== null && sizes.length < 1000);
  return { ids, sizes };
}

beforeAll(async () => {
  server = await startTestServer();
  owner = new ApiClient(server.url);
  await owner.login(server.seed.ownerEmail, server.seed.ownerPassword);
  shopId = (await owner.get('/api/v1/me')).body.memberships[0].shop.id;
  roomId = (await owner.get(`/api/v1/shops/${shopId}/rooms`)).body.rooms[0].id;
  ops = new ApiClient(server.url);
  await ops.login(server.seed.operatorEmail, server.seed.ownerPassword);
  // 620 products made by one statement share one created_at: the id alone orders them, and the
  // old answer stopped at 500 of them.
  await server.hutong.db.query(
    `INSERT INTO products (id, shop_id, title, description, price_minor, currency, stock, image_ids, options)
     SELECT gen_random_uuid(), $1, 'bulk ' || n, '', 100, 'CNY', 1, '[]'::jsonb, '[]'::jsonb FROM generate_series(1, 620) n`,
    [shopId],
  );
});

afterAll(async () => {
  await server?.close();
});

describe('cursor pagination', () => {
  it('walks every product exactly once, past the old 500 cap, in pages of the asked size', async () => {
    const total = Number((await server.hutong.db.query<{ n: string }>(`SELECT count(*) AS n FROM products WHERE shop_id = $1`, [shopId]))[0]!.n);
    expect(total).toBeGreaterThan(620);
    const { ids, sizes } = await walk(owner, `/api/v1/shops/${shopId}/products`, 'products', 100);
    expect(ids).toHaveLength(total);
    expect(new Set(ids).size).toBe(total);
    expect(sizes.slice(0, -1).every((n) => n === 100)).toBe(true);
  });

  it('answers 50 by default and the last page with next: null', async () => {
    const first = await owner.get(`/api/v1/shops/${shopId}/products`);
    expect(first.body.products).toHaveLength(50);
    expect(typeof first.body.next).toBe('string');
    const rooms = await owner.get(`/api/v1/shops/${shopId}/rooms`);
    expect(rooms.body).toMatchObject({ next: null });
  });

  it('neither repeats nor skips a row when rows are added and deleted between two pages', async () => {
    const first = await owner.get(`/api/v1/shops/${shopId}/products?limit=10`);
    const seen: string[] = first.body.products.map((p: { id: string }) => p.id);
    // The page's last row is deleted and a new one is added: the next page starts after the cursor.
    expect((await owner.delete(`/api/v1/shops/${shopId}/products/${seen.at(-1)}`)).status).toBe(204);
    const added = (await owner.post(`/api/v1/shops/${shopId}/products`, { title: 'added while paging', priceMinor: 1 })).body.product.id;
    const rest = await walk(owner, `/api/v1/shops/${shopId}/products`, 'products', 100, undefined, first.body.next);
    const all = [...seen, ...rest.ids];
    expect(new Set(all).size).toBe(all.length);
    const now = (await server.hutong.db.query<{ id: string }>(`SELECT id FROM products WHERE shop_id = $1`, [shopId])).map((r) => r.id);
    expect(new Set(all)).toEqual(new Set([...now, seen.at(-1)]));
    expect(rest.ids.at(-1)).toBe(added);
  });

  it('pages every list route the same way', async () => {
    for (let i = 0; i < 3; i++) {
      await owner.post(`/api/v1/shops/${shopId}/listings`, { url: `https://item.jd.com/10000${i}.html`, title: `jd ${i}` });
      await owner.post(`/api/v1/shops/${shopId}/rooms`, { slug: `paged-${i}`, title: `Paged ${i}` });
      await owner.post(`/api/v1/shops/${shopId}/api-keys`, { name: `key ${i}` });
      await owner.post(`/api/v1/shops/${shopId}/rooms/${roomId}/shows`, { title: `show ${i}`, scheduledAt: new Date(Date.now() + 86_400_000).toISOString() });
      await ops.post('/api/v1/ops/link-policy', { marketplace: 'jd', scene: 'chat', mode: i % 2 ? 'link' : 'token' });
      await new ApiClient(server.url).post('/api/v1/auth/signup', { email: `staff${i}@paged.example`, password: 'a long passphrase', displayName: `Staff ${i}` });
      await owner.post(`/api/v1/shops/${shopId}/members`, { email: `staff${i}@paged.example`, role: 'staff' });
      await owner.post('/api/v1/shops', { slug: `paged-shop-${i}`, name: `Paged shop ${i}` });
    }
    const productId = (await owner.post(`/api/v1/shops/${shopId}/products`, { title: 'pinned thrice', priceMinor: 1 })).body.product.id;
    const item = (await owner.post(`/api/v1/shops/${shopId}/rooms/${roomId}/cart/items`, { productId })).body.item.id;
    for (let i = 0; i < 3; i++) expect((await owner.post(`/api/v1/shops/${shopId}/rooms/${roomId}/cart/pin`, { itemId: item })).status).toBe(200);
    await server.hutong.db.query(
      `INSERT INTO chat_messages (id, room_id, viewer_id, name, role, body, created_at)
       SELECT gen_random_uuid(), $1, 'v' || n, 'viewer', 'viewer', 'hello ' || n, now() FROM generate_series(1, 5) n`,
      [roomId],
    );
    const lists: [ApiClient, string, string, (x: any) => string][] = [
      [owner, `/api/v1/shops/${shopId}/listings`, 'listings', (x) => x.id],
      [owner, `/api/v1/shops/${shopId}/rooms`, 'rooms', (x) => x.id],
      [owner, `/api/v1/shops/${shopId}/api-keys`, 'apiKeys', (x) => x.id],
      [owner, `/api/v1/shops/${shopId}/members`, 'members', (x) => x.userId],
      [owner, `/api/v1/shops/${shopId}/rooms/${roomId}/shows`, 'shows', (x) => x.id],
      [owner, `/api/v1/rooms/demo/chat`, 'messages', (x) => x.id],
      [ops, `/api/v1/ops/shops`, 'shops', (x) => x.id],
      [ops, `/api/v1/ops/link-policy/audit`, 'entries', (x) => x.id],
      [owner, `/api/v1/shops/${shopId}/rooms/${roomId}/pins`, 'pins', (x) => x.id],
    ];
    for (const [client, path, name, idOf] of lists) {
      const whole = (await client.get(`${path}?limit=100`)).body[name].map(idOf);
      const paged = await walk(client, path, name, 1, idOf);
      expect(whole.length, path).toBeGreaterThanOrEqual(3);
      expect(paged.ids, path).toEqual(whole);
      expect(paged.sizes.every((n) => n === 1), path).toBe(true);
    }
  });

  it('refuses a limit out of 1–100 and a cursor it did not give out, with HTTP_VALIDATION_FAILED', async () => {
    const path = `/api/v1/shops/${shopId}/products`;
    for (const q of ['limit=0', 'limit=101', 'limit=ten', 'after=!!', 'after=bm90LWEtY3Vyc29y', `after=${Buffer.from('["x","y"]').toString('base64url')}`,
      `after=${Buffer.from('["2026-01-01 00:00:00+00","not-a-uuid"]').toString('base64url')}`]) {
      const res = await owner.get(`${path}?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.error.code, q).toBe('HTTP_VALIDATION_FAILED');
    }
  });

  it('documents limit, after and next on every list route of the OpenAPI document', async () => {
    const doc = (await owner.get('/api/docs/openapi.json')).body;
    // Bounded collections that are one document, not a list: the room cart (≤ 200 items in the
    // host's order), the link policy (one rule per marketplace × scene, and per marketplace × share channel), the banned words (≤ 500,
    // replaced whole), the caller's own memberships in /me, a buyer's addresses (≤ 20), one order's
    // payments (≤ 50: a deposit, a balance and their retries), what a room sells now (≤ 20 of each kind),
    // the origins allowed to embed a shop's rooms (≤ 20, replaced whole), a shop's shares funnel (≤ 8
    // channels, the ≤ 100 most visited sharers), one webhook delivery's attempts
    // (≤ HUTONG_WEBHOOK_MAX_ATTEMPTS, at most 30).
    const documents = new Set(['/api/v1/rooms/{slug}/cart', '/api/v1/shops/{shopId}/rooms/{roomId}/cart', '/api/v1/ops/link-policy', '/api/v1/ops/link-policy/share-channels',
      '/api/v1/shops/{shopId}/chat/banned-words', '/api/v1/me', '/api/v1/rooms/{slug}/playback', '/api/v1/me/addresses',
      '/api/v1/orders/{orderId}/payments', '/api/v1/rooms/{slug}/sales', '/api/v1/shops/{shopId}/embed-origins',
      '/api/v1/shops/{shopId}/shares/report', '/api/v1/shops/{shopId}/webhooks/{webhookId}/deliveries/{deliveryId}']);
    const unpaged: string[] = [];
    let paged = 0;
    for (const [path, ops] of Object.entries<any>(doc.paths)) {
      const get = ops.get;
      const schema = get?.responses?.['200']?.content?.['application/json']?.schema;
      const hasList = schema?.properties && Object.values<any>(schema.properties).some((p) => p.type === 'array');
      if (!hasList || documents.has(path)) continue;
      const params = new Set((get.parameters ?? []).map((p: { name: string }) => p.name));
      if (params.has('limit') && params.has('after') && schema.properties.next) paged++;
      else unpaged.push(path);
    }
    expect(unpaged).toEqual([]);
    expect(paged).toBeGreaterThanOrEqual(9);
  });
});
