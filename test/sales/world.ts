import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import type { Db } from '../../src/platform/db/db.port';
import type { Clock } from '../../src/kernel/clock';
import type { StockGate } from '../../src/platform/gate/gate.port';
import { ApiClient, type Answer } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';
import type { OpenDb } from './databases';

export interface SalesWorld {
  server: TestServer;
  owner: ApiClient;
  shopId: string;
  roomId: string;
  /** The demo products by title prefix, and the T-shirt's SKUs. */
  products: Record<string, { id: string; stock: number; priceMinor: number; skus: { id: string; stock: number; priceMinor: number }[] }>;
  buyer(name?: string): Promise<Buyer>;
  /** Stock of a product (or one of its SKUs) as the merchant's stock page reads it. */
  stockOf(productId: string, skuId?: string | null): Promise<number>;
  /** A buyer places an order in the demo room: `quantity` of the product titled `title`. */
  order(buyer: Buyer, title: string, quantity: number, extra?: object, key?: string | null): Promise<Answer>;
  close(): Promise<void>;
}

type WorldOptions = { clock?: Clock; env?: Record<string, string>; gate?: StockGate };

/**
 * One world for a describe block: the database opened (PGlite or PostgreSQL, as `onEveryDatabase`
 * hands it) and the app on it before the tests, both closed after. Read it inside tests: `world()`.
 */
export function salesWorldFor(open: OpenDb, opts: WorldOptions = {}): () => SalesWorld {
  let world: SalesWorld | undefined;
  let cleanup: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const opened = await open();
    cleanup = opened.cleanup;
    world = await openSalesWorld({ db: opened.db, ...opts });
  });
  afterAll(async () => {
    await world?.close();
    await cleanup?.();
  });
  return () => {
    if (!world) throw new Error('the sales world is opened in beforeAll');
    return world;
  };
}

export const address = { name: '张三', phone: '13800138000', region: '浙江省', city: '杭州市', line1: '西湖区文三路 1 号', postcode: '310000' };

/** A logged-in buyer who sends an Idempotency-Key with every write (a fresh one unless given). */
export class Buyer extends ApiClient {
  id = '';
  send<T = any>(method: string, path: string, body?: unknown, key: string | null = randomUUID()): Promise<Answer<T>> {
    return this.request<T>(method, path, body, key === null ? {} : { 'idempotency-key': key });
  }
}

/** The assembled app with the demo shop, its owner logged in, and a way to sign buyers up. */
export async function openSalesWorld(opts: { db?: Db; clock?: Clock; env?: Record<string, string>; gate?: StockGate } = {}): Promise<SalesWorld> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hutong-sales-'));
  const server = await startTestServer({ db: opts.db, clock: opts.clock, gate: opts.gate, env: { HUTONG_DATA_DIR: dataDir, ...opts.env } });
  const owner = new ApiClient(server.url);
  await owner.login(server.seed.ownerEmail, server.seed.ownerPassword);
  const shopId = (await owner.get('/api/v1/me')).body.memberships[0].shop.id as string;
  const roomId = (await owner.get('/api/v1/rooms/demo')).body.room.id as string;
  const list = (await owner.get(`/api/v1/shops/${shopId}/products`)).body.products as any[];
  const products = Object.fromEntries(list.map((p) => [p.title.split(' ')[0], { id: p.id, stock: p.stock, priceMinor: p.priceMinor, skus: p.skus }]));
  let n = 0;
  return {
    server,
    owner,
    shopId,
    roomId,
    products,
    async buyer(name = `buyer-${++n}`) {
      const b = new Buyer(server.url);
      const r = await b.post('/api/v1/auth/signup', { email: `${name}-${randomUUID().slice(0, 8)}@example.com`, password: 'a-good-password', displayName: name });
      if (r.status !== 201) throw new Error(`signup failed: ${r.status} ${JSON.stringify(r.body)}`);
      b.id = r.body.user.id;
      return b;
    },
    async stockOf(productId, skuId = null) {
      const levels = (await owner.get(`/api/v1/shops/${shopId}/stock`)).body.levels as { productId: string; skuId: string | null; stock: number }[];
      return levels.find((l) => l.productId === productId && l.skuId === skuId)!.stock;
    },
    order(buyer, title, quantity, extra = {}, key) {
      const product = products[title];
      if (!product) throw new Error(`no demo product titled ${title}`);
      return buyer.send('POST', '/api/v1/orders', { roomId, lines: [{ productId: product.id, quantity }], address, ...extra }, key);
    },
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A link the server made with its public URL, pointed at the test server's real port. */
const onServer = (server: string, link: string) => server + new URL(link).pathname + new URL(link).search;

/** Pays a payment in the sandbox as a buyer would: the pay link, the hosted page, the button. */
export async function payInSandbox(server: string, payUrl: string, outcome: 'paid' | 'failed' = 'paid'): Promise<number> {
  const redirect = await fetch(onServer(server, payUrl), { redirect: 'manual' });
  const page = redirect.headers.get('location');
  if (redirect.status !== 303 || !page) throw new Error(`pay link answered ${redirect.status}`);
  const res = await fetch(onServer(server, page), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `outcome=${outcome}` });
  const body = (await res.json()) as { callback: { status: number } };
  return body.callback.status;
}
