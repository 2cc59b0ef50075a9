import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/http';
import { runHutong, until, type HutongProcess } from '../support/hutong-process';
import { freePort } from '../support/net';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { serviceUrl } from '../support/services';
import { address, Buyer, payInSandbox } from './world';

/**
 * Real `hutong serve` processes killed with SIGKILL in the middle of flash-sale purchases: one attempt
 * hangs between the gate and the commit, another after the commit before its answer (the
 * HUTONG_TEST_PAUSE_AT seam), and the process is killed with both in flight. After a restart nothing
 * paid is lost, the committed order is there and its retry answers it, the attempt that never
 * committed left nothing behind, and the gate sells exactly the units the database has left.
 */
const adminUrl = serviceUrl('HUTONG_TEST_DATABASE_URL', 'PostgreSQL');
const redisUrl = serviceUrl('HUTONG_TEST_REDIS_URL', 'Redis');

function crashSuite(name: string, setup: () => Promise<{ env: Record<string, string>; cleanup(): Promise<void> }>) {
  describe(`a flash sale killed mid-purchase, ${name}`, () => {
    const running: HutongProcess[] = [];
    let cleanup: (() => Promise<void>) | undefined;
    afterAll(async () => {
      for (const r of running) r.child.kill('SIGKILL');
      await cleanup?.();
    });

    it('loses no paid order, strands no unit, and the gate matches the database after a restart', { timeout: 720_000 }, async () => {
      const s = await setup();
      cleanup = s.cleanup;
      const port = await freePort();
      const env = { ...s.env, HUTONG_PORT: String(port), HUTONG_RTMP_PORT: String(await freePort()), HUTONG_FFMPEG: 'off', HUTONG_SECRET: 'crash-test-secret-crash-test-secret' };
      const base = `http://127.0.0.1:${port}`;
      const start = async (extra: Record<string, string> = {}) => {
        // After a SIGKILL, PGlite's data-dir lock is left behind and expires within 30 s: try until it does.
        // A first start creates the database: 95 s measured at load 25, more with another suite beside it.
        return until(async () => {
          const p = runHutong(['serve'], { ...env, ...extra });
          running.push(p);
          const up = await Promise.race([until(() => p.output().includes('is up in'), 'start-up', 240_000).then(() => true), p.exited.then(() => false)]);
          return up ? p : undefined;
        }, 'a server that starts', 420_000);
      };

      const first = await start({ HUTONG_TEST_PAUSE_AT: 'flash.gated,flash.committed' });
      const owner = new ApiClient(base);
      await owner.login('owner@demo.hutong.local', 'hutong-demo');
      const shopId = (await owner.get('/api/v1/me')).body.memberships[0].shop.id;
      const roomId = (await owner.get('/api/v1/rooms/demo')).body.room.id;
      const products = (await owner.get(`/api/v1/shops/${shopId}/products`)).body.products as any[];
      const goji = products.find((p) => p.title.startsWith('宁夏枸杞')).id;
      const tea = products.find((p) => p.title.startsWith('云南普洱茶饼')).id;
      const buyers: Buyer[] = [];
      for (let i = 0; i < 5; i++) {
        const b = new Buyer(base);
        const r = await b.post('/api/v1/auth/signup', { email: `crash-${i}-${port}@example.com`, password: 'a-good-password', displayName: `buyer ${i}` });
        expect(r.status).toBe(201);
        buyers.push(b);
      }
      const [payer, gated, committed, late, last] = buyers as [Buyer, Buyer, Buyer, Buyer, Buyer];

      // A paid order before the crash.
      const paid = (await payer.send('POST', '/api/v1/orders', { roomId, lines: [{ productId: tea, quantity: 1 }], address })).body.order;
      const payment = (await payer.send('POST', `/api/v1/orders/${paid.id}/payments`, {})).body.payment;
      expect(await payInSandbox(base, payment.payUrl)).toBe(200);

      const sale = (await owner.post(`/api/v1/shops/${shopId}/flash-sales`, { roomId, productId: goji, priceMinor: 990, units: 3, perBuyerLimit: 1, durationMinutes: 30 })).body.flashSale;
      const buy = (b: Buyer, key: string) => b.send('POST', `/api/v1/flash-sales/${sale.id}/orders`, { quantity: 1, address }, key);
      // Two attempts hang: one between the gate and the commit, one after the commit.
      const hanging = [buy(gated, 'pause-flash.gated-1').catch(() => 'reset'), buy(committed, 'pause-flash.committed-1').catch(() => 'reset')];
      await until(() => first.output().includes('paused at flash.gated') && first.output().includes('paused at flash.committed'), 'both attempts to hang');
      first.child.kill('SIGKILL');
      expect(await first.exited).toBe(null);
      expect(await Promise.all(hanging)).toEqual(['reset', 'reset']);

      await start();
      await owner.login('owner@demo.hutong.local', 'hutong-demo');
      for (const b of buyers) await b.login(`crash-${buyers.indexOf(b)}-${port}@example.com`, 'a-good-password');
      // Nothing paid is lost.
      expect((await payer.get(`/api/v1/orders/${paid.id}`)).body.order).toMatchObject({ state: 'paid', paidMinor: paid.totalMinor });
      // The committed attempt's order is there, and its retry answers that order.
      const retried = await buy(committed, 'pause-flash.committed-1');
      expect(retried.status).toBe(201);
      expect((await committed.get('/api/v1/me/orders')).body.orders.map((o: any) => o.id)).toEqual([retried.body.order.id]);
      // The attempt that never committed left no order: its retry is a new attempt, and wins.
      expect((await gated.get('/api/v1/me/orders')).body.orders).toEqual([]);
      expect((await buy(gated, 'pause-flash.gated-1')).status).toBe(201);
      // The gate matches the database: exactly the one unit left is sold, then "sold out".
      expect((await buy(late, 'after-1')).status).toBe(201);
      expect((await buy(last, 'after-2')).body.error.code).toBe('SALES_SOLD_OUT');
      const after = (await owner.get(`/api/v1/shops/${shopId}/flash-sales/${sale.id}`)).body.flashSale;
      expect(after).toMatchObject({ units: 3, sold: 3 });
      const orders = (await owner.get(`/api/v1/shops/${shopId}/orders`)).body.orders.filter((o: any) => o.campaignId === sale.id);
      expect(orders).toHaveLength(3);
    });
  });
}

crashSuite('on the embedded default (PGlite, gate in memory)', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hutong-crash-'));
  return { env: { HUTONG_DATA_DIR: dataDir }, cleanup: async () => rmSync(dataDir, { recursive: true, force: true }) };
});

describe.skipIf(!adminUrl || !redisUrl)('scaled out', () => {
  crashSuite('on PostgreSQL with the gate in Redis', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hutong-crash-'));
    const database: TestDatabase = await createTestDatabase(adminUrl!, { migrated: true });
    return {
      env: { HUTONG_DATA_DIR: dataDir, HUTONG_DATABASE_URL: database.url, HUTONG_REDIS_URL: redisUrl!, HUTONG_STOCK_GATE: 'redis', HUTONG_STREAM_KEY_SECRET: 'a'.repeat(64), HUTONG_SECRET: 'crash-test-secret-crash-test-secret' },
      cleanup: async () => {
        await database.drop();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  });
});
