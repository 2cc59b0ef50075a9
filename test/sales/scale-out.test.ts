import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../../src/platform/db/db.postgres';
import type { Db } from '../../src/platform/db/db.port';
import { ApiClient } from '../support/http';
import { runHutong, until, type HutongProcess } from '../support/hutong-process';
import { freePort } from '../support/net';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { OwnRedis } from '../support/redis-server';
import { serviceUrl } from '../support/services';
import { makeBuyers, type RawBuyer } from './buyers';
import { address } from './world';
import { Redis } from 'ioredis';

/**
 * Flash sales across nodes, on PostgreSQL with the gate and the bus in Redis (a redis-server of the
 * test's own, so it can be killed and come back empty): two `hutong serve` processes selling one sale
 * never oversell, and a Redis that comes back empty in the middle of the sale is rebuilt from the
 * database while the sale goes on.
 */
const adminUrl = serviceUrl('HUTONG_TEST_DATABASE_URL', 'PostgreSQL');

describe.skipIf(!adminUrl)('flash sales on two nodes sharing PostgreSQL and Redis', () => {
  let database: TestDatabase;
  let redis: OwnRedis;
  let db: Db;
  const nodes: HutongProcess[] = [];
  const urls: string[] = [];
  const dataDirs: string[] = [];
  let owner: ApiClient;
  let shopId: string;
  let roomId: string;
  let goji: string;

  beforeAll(async () => {
    database = await createTestDatabase(adminUrl!, { migrated: true });
    redis = await OwnRedis.start();
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      const dataDir = mkdtempSync(join(tmpdir(), 'hutong-nodes-'));
      dataDirs.push(dataDir);
      const node = runHutong(['serve'], {
        HUTONG_PORT: String(port), HUTONG_RTMP_PORT: String(await freePort()), HUTONG_DATA_DIR: dataDir, HUTONG_FFMPEG: 'off',
        HUTONG_DATABASE_URL: database.url, HUTONG_BUS: 'redis', HUTONG_REDIS_URL: redis.url,
        HUTONG_SECRET: 'two-nodes-secret-two-nodes-secret', HUTONG_STREAM_KEY_SECRET: 'b'.repeat(64),
      });
      nodes.push(node);
      // One at a time: the first migrates and seeds the shared database.
      await until(() => node.output().includes('is up in'), `node ${i} to start`, 90_000);
      urls.push(`http://127.0.0.1:${port}`);
    }
    db = await openPostgres({ url: database.url });
    owner = new ApiClient(urls[0]!);
    await owner.login('owner@demo.hutong.local', 'hutong-demo');
    shopId = (await owner.get('/api/v1/me')).body.memberships[0].shop.id;
    roomId = (await owner.get('/api/v1/rooms/demo')).body.room.id;
    goji = (await owner.get(`/api/v1/shops/${shopId}/products`)).body.products.find((p: any) => p.title.startsWith('宁夏枸杞')).id;
  }, 240_000);

  afterAll(async () => {
    for (const n of nodes) n.child.kill('SIGTERM');
    await Promise.all(nodes.map((n) => n.exited));
    await db?.close();
    await redis?.kill();
    await database?.drop();
    for (const d of dataDirs) rmSync(d, { recursive: true, force: true });
  });

  const startSale = async (units: number) =>
    (await owner.post(`/api/v1/shops/${shopId}/flash-sales`, { roomId, productId: goji, priceMinor: 990, units, perBuyerLimit: 1, durationMinutes: 30 })).body.flashSale.id as string;
  const buy = (node: string, b: RawBuyer, saleId: string) =>
    fetch(`${node}/api/v1/flash-sales/${saleId}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: b.cookie, 'idempotency-key': randomUUID() },
      body: JSON.stringify({ quantity: 1, address }),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
  const truth = async (saleId: string) => {
    const [sale] = await db.query<{ sold: number; units: number }>(`SELECT sold, units FROM sale_campaigns WHERE id = $1`, [saleId]);
    const [orders] = await db.query<{ n: number; buyers: number }>(`SELECT count(*)::int AS n, count(DISTINCT buyer_id)::int AS buyers FROM orders WHERE campaign_id = $1`, [saleId]);
    return { ...sale!, orders: orders!.n, buyers: orders!.buyers };
  };

  it('sells exactly the units when two nodes take attempts for one sale at once', { timeout: 120_000 }, async () => {
    const saleId = await startSale(100);
    const buyers = await makeBuyers(db, 400);
    const results = await Promise.all(buyers.map((b, i) => buy(urls[i % 2]!, b, saleId)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(100);
    for (const r of results.filter((x) => x.status !== 201)) expect(r.body.error.code).toBe('SALES_SOLD_OUT');
    expect(await truth(saleId)).toEqual({ sold: 100, units: 100, orders: 100, buyers: 100 });
  });

  it('rebuilds the gate from the database when Redis is flushed mid-sale while connected, and still sells exactly the units', { timeout: 120_000 }, async () => {
    const saleId = await startSale(30);
    const buyers = await makeBuyers(db, 200);
    const first = await Promise.all(buyers.slice(0, 10).map((b, i) => buy(urls[i % 2]!, b, saleId)));
    expect(first.filter((r) => r.status === 201)).toHaveLength(10);
    const r = new Redis(redis.url);
    try {
      await r.flushall();
      const rest = await Promise.all(buyers.slice(10).map((b, i) => buy(urls[i % 2]!, b, saleId)));
      expect(rest.filter((x) => x.status === 201)).toHaveLength(20);
      for (const x of rest.filter((y) => y.status !== 201)) expect(x.body.error.code).toBe('SALES_SOLD_OUT');
      expect(await truth(saleId)).toEqual({ sold: 30, units: 30, orders: 30, buyers: 30 });
      // Rebuilt by the first attempt after the flush, with the database's count, and counting since.
      expect(await r.hget(`hutong:gate:{${saleId}}:meta`, 'taken')).toBe('30');
    } finally {
      r.disconnect();
    }
  });

  it('rebuilds the gate from the database when Redis comes back empty mid-sale, and still sells exactly the units', { timeout: 180_000 }, async () => {
    const saleId = await startSale(60);
    const buyers = await makeBuyers(db, 300);
    const first = await Promise.all(buyers.slice(0, 40).map((b, i) => buy(urls[i % 2]!, b, saleId)));
    expect(first.filter((r) => r.status === 201)).toHaveLength(40);

    await redis.kill();
    // While Redis is away the database decides alone: still no oversell.
    const during = await Promise.all(buyers.slice(40, 60).map((b, i) => buy(urls[i % 2]!, b, saleId)));
    expect(during.filter((r) => r.status === 201 || r.body.error?.code === 'SALES_SOLD_OUT')).toHaveLength(20);
    await redis.restart();
    // Both nodes reconnect to an empty Redis; the first attempt on each finds no pool and rebuilds it.
    const rest = await until(async () => {
      const r = await Promise.all(buyers.slice(60).map((b, i) => buy(urls[i % 2]!, b, saleId)));
      return r;
    }, 'attempts after Redis returned');
    const sold = [...first, ...during, ...rest].filter((r) => r.status === 201).length;
    expect(sold).toBe(60);
    expect(await truth(saleId)).toEqual({ sold: 60, units: 60, orders: 60, buyers: 60 });
    for (const r of rest.filter((x) => x.status !== 201)) expect(r.body.error.code).toBe('SALES_SOLD_OUT');
    // The pool the nodes use now was rebuilt into the empty Redis, with the database's count.
    const r = new Redis(redis.url);
    expect(await r.hget(`hutong:gate:{${saleId}}:meta`, 'taken')).toBe('60');
    r.disconnect();
  });
});
