import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type Answer } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

/**
 * Every text field refuses what it cannot mean: a NUL (which PostgreSQL cannot store, so it used to
 * answer 500), a bidi override that disguises "exe.png" as a picture, and text of zero-width spaces
 * only (accepted, then shown as nothing). Each answers HTTP_VALIDATION_FAILED and writes nothing.
 */
const badTexts = { nul: 'tea\u0000pot', rlo: '\u202egnp.exe', invisible: '\u200b\u200b' };

let server: TestServer;
let owner: ApiClient;
let shopId: string;
let roomId: string;
let productId: string;

const tables = ['users', 'shops', 'shop_members', 'api_keys', 'products', 'product_skus', 'external_listings', 'rooms', 'shows', 'chat_bans', 'chat_mutes', 'chat_shop_settings'];
async function rowCounts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = Number((await server.hutong.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${t}`))[0]!.n);
  return out;
}
/** The demo product's title: a refused change must leave it as it was. */
const titlesNow = async () => (await server.hutong.db.query<{ title: string }>(`SELECT title FROM products WHERE id = $1`, [productId]))[0]!.title;

function expectRefused(res: Answer, what: string) {
  expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBe(400);
  expect(res.body.error.code, what).toBe('HTTP_VALIDATION_FAILED');
}

beforeAll(async () => {
  server = await startTestServer();
  owner = new ApiClient(server.url);
  await owner.login(server.seed.ownerEmail, server.seed.ownerPassword);
  shopId = (await owner.get('/api/v1/me')).body.memberships[0].shop.id;
  roomId = (await owner.get(`/api/v1/shops/${shopId}/rooms`)).body.rooms[0].id;
  productId = (await owner.get(`/api/v1/shops/${shopId}/products`)).body.products[0].id;
});

afterAll(async () => {
  await server?.close();
});

describe('text fields refuse control, bidi-override and invisible-only text', () => {
  const shop = () => `/api/v1/shops/${shopId}`;
  const writes: [string, (bad: string) => Promise<Answer>][] = [
    ['product title', (bad) => owner.post(`${shop()}/products`, { title: bad, priceMinor: 100 })],
    ['product description', (bad) => owner.post(`${shop()}/products`, { title: 'tea', description: bad, priceMinor: 100 })],
    ['product title change', (bad) => owner.patch(`${shop()}/products/${productId}`, { title: bad })],
    ['SKU option name', (bad) => owner.post(`${shop()}/products`, {
      title: 'tea', priceMinor: 100, options: [{ name: bad, values: ['S'] }], skus: [{ options: { [bad]: 'S' }, priceMinor: 100, stock: 1 }],
    })],
    ['SKU option value', (bad) => owner.post(`${shop()}/products`, {
      title: 'tea', priceMinor: 100, options: [{ name: 'size', values: [bad] }], skus: [{ options: { size: bad }, priceMinor: 100, stock: 1 }],
    })],
    ['listing title', (bad) => owner.post(`${shop()}/listings`, { url: 'https://item.jd.com/100123.html', title: bad })],
    ['room title', (bad) => owner.post(`${shop()}/rooms`, { slug: 'bad-text', title: bad })],
    ['shop name', (bad) => owner.post('/api/v1/shops', { slug: 'bad-text', name: bad })],
    ['show title', (bad) => owner.post(`${shop()}/rooms/${roomId}/shows`, { title: bad, scheduledAt: new Date(Date.now() + 3_600_000).toISOString() })],
    ['API key name', (bad) => owner.post(`${shop()}/api-keys`, { name: bad })],
    ['banned word', (bad) => owner.post(`${shop()}/chat/banned-words`, { words: ['fine', bad] })],
    ['muted viewer id', (bad) => owner.post('/api/v1/rooms/demo/mutes', { viewerId: bad, minutes: 5 })],
    ['banned viewer id', (bad) => owner.post('/api/v1/rooms/demo/bans', { viewerId: bad })],
    ['sign-up display name', (bad) => new ApiClient(server.url).post('/api/v1/auth/signup', { email: 'new@bad-text.example', password: 'a long passphrase', displayName: bad })],
  ];

  for (const [kind, bad] of Object.entries(badTexts)) {
    it(`refuses ${kind} text in every field with HTTP_VALIDATION_FAILED and writes nothing`, async () => {
      const before = await rowCounts();
      const title = await titlesNow();
      for (const [field, write] of writes) {
        // A control or bidi character anywhere in the field; invisible-only text as the whole field.
        if (field === 'muted viewer id' || field === 'banned viewer id') {
          if (kind !== 'nul') continue; // a viewer id is an identifier: any visible text is a (possibly unknown) id
        }
        expectRefused(await write(bad), `${field} (${kind})`);
      }
      expect(await rowCounts()).toEqual(before);
      expect(await titlesNow()).toBe(title);
    });
  }

  it('refuses a NUL in path parameters with HTTP_VALIDATION_FAILED, not a database error', async () => {
    expectRefused(await owner.get('/api/v1/rooms/demo%00'), 'room slug');
    expectRefused(await owner.delete('/api/v1/rooms/demo/bans/viewer%00'), 'ban viewer id');
    expectRefused(await owner.get('/api/v1/rooms/demo%00/playback'), 'playback slug');
    expect((await owner.get('/go/abc%00')).status).toBe(400);
    expect(server.logs.filter((l) => l.includes('"level":50'))).toEqual([]);
  });
});
