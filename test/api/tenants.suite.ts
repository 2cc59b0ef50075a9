import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/platform/db/db.port';
import { ApiClient } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

/**
 * Tenants never see each other's data: a member of shop B, B's API key, and A's own host and
 * API key each try to read and write what they must not. Every attempt must fail, and shop A's
 * data must be exactly as before.
 */
export function describeTenantIsolation(name: string, openDb: () => Promise<{ db: Db; cleanup?: () => Promise<void> }>) {
  describe(`tenant isolation on ${name}`, () => {
    let server: TestServer;
    let cleanup: (() => Promise<void>) | undefined;
    let ownerA: ApiClient; // owner of the demo shop (A)
    let hostA: ApiClient; // host in A: may read, not write the catalog
    let ownerB: ApiClient; // owner of shop B
    let keyA: ApiClient; // A's API key
    let keyB: ApiClient; // B's API key
    let shopA: string;
    let shopB: string;
    let productA: string;
    let productB: string;
    let snapshotA: unknown;

    const snapshot = async () => ({
      products: (await ownerA.get(`/api/v1/shops/${shopA}/products`)).body,
      members: (await ownerA.get(`/api/v1/shops/${shopA}/members`)).body,
      // lastUsedAt moves when A's own key is used: that is A's doing, not a leak.
      keys: (await ownerA.get(`/api/v1/shops/${shopA}/api-keys`)).body.apiKeys.map(
        ({ lastUsedAt: _, ...k }: { lastUsedAt: unknown }) => k,
      ),
      rooms: (await ownerA.get(`/api/v1/shops/${shopA}/rooms`)).body,
    });

    beforeAll(async () => {
      const opened = await openDb();
      cleanup = opened.cleanup;
      server = await startTestServer({ db: opened.db });
      ownerA = new ApiClient(server.url);
      await ownerA.login(server.seed.ownerEmail, server.seed.ownerPassword);
      shopA = (await ownerA.get('/api/v1/me')).body.memberships[0].shop.id;
      productA = (await ownerA.get(`/api/v1/shops/${shopA}/products`)).body.products[0].id;
      hostA = new ApiClient(server.url);
      await hostA.login(server.seed.hostEmail, server.seed.ownerPassword);

      ownerB = new ApiClient(server.url);
      await ownerB.post('/api/v1/auth/signup', { email: 'b@shop-b.example', password: 'shop-b-password', displayName: 'B' });
      shopB = (await ownerB.post('/api/v1/shops', { slug: 'shop-b', name: 'Shop B' })).body.shop.id;
      productB = (await ownerB.post(`/api/v1/shops/${shopB}/products`, { title: 'B tea', priceMinor: 100 })).body.product.id;

      keyA = ownerA.withKey((await ownerA.post(`/api/v1/shops/${shopA}/api-keys`, { name: 'A key' })).body.secret);
      keyB = ownerB.withKey((await ownerB.post(`/api/v1/shops/${shopB}/api-keys`, { name: 'B key' })).body.secret);
      snapshotA = await snapshot();
    });

    afterAll(async () => {
      await server?.close();
      await cleanup?.();
    });

    const expectRefused = (res: { status: number; body: any }, status: number, code: string) => {
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      expect(res.body.error.code).toBe(code);
    };

    it("refuses B's owner every read of A", async () => {
      for (const path of ['', '/products', `/products/${productA}`, '/members', '/api-keys', '/rooms'])
        expectRefused(await ownerB.get(`/api/v1/shops/${shopA}${path}`), 403, 'IDENTITY_FORBIDDEN');
    });

    it("refuses B's owner every write to A", async () => {
      expectRefused(await ownerB.post(`/api/v1/shops/${shopA}/products`, { title: 'x', priceMinor: 1 }), 403, 'IDENTITY_FORBIDDEN');
      expectRefused(await ownerB.patch(`/api/v1/shops/${shopA}/products/${productA}`, { priceMinor: 1 }), 403, 'IDENTITY_FORBIDDEN');
      expectRefused(await ownerB.delete(`/api/v1/shops/${shopA}/products/${productA}`), 403, 'IDENTITY_FORBIDDEN');
      expectRefused(await ownerB.post(`/api/v1/shops/${shopA}/members`, { email: 'b@shop-b.example', role: 'owner' }), 403, 'IDENTITY_FORBIDDEN');
      expectRefused(await ownerB.post(`/api/v1/shops/${shopA}/api-keys`, { name: 'steal' }), 403, 'IDENTITY_FORBIDDEN');
      expectRefused(await ownerB.post(`/api/v1/shops/${shopA}/rooms`, { slug: 'hijack', title: 'x' }), 403, 'IDENTITY_FORBIDDEN');
    });

    it("finds nothing of A through B's own shop path", async () => {
      expectRefused(await ownerB.get(`/api/v1/shops/${shopB}/products/${productA}`), 404, 'CATALOG_PRODUCT_NOT_FOUND');
      expectRefused(await ownerB.patch(`/api/v1/shops/${shopB}/products/${productA}`, { priceMinor: 1 }), 404, 'CATALOG_PRODUCT_NOT_FOUND');
      expectRefused(await ownerB.delete(`/api/v1/shops/${shopB}/products/${productA}`), 404, 'CATALOG_PRODUCT_NOT_FOUND');
      const keysOfA = (snapshotA as { keys: { id: string }[] }).keys;
      expectRefused(await ownerB.delete(`/api/v1/shops/${shopB}/api-keys/${keysOfA[0]!.id}`), 404, 'IDENTITY_API_KEY_NOT_FOUND');
      const b = await ownerB.get(`/api/v1/shops/${shopB}/products`);
      expect(b.body.products.map((p: { id: string }) => p.id)).toEqual([productB]);
    });

    it("refuses B's API key on A", async () => {
      for (const path of ['/products', `/products/${productA}`, '/rooms'])
        expectRefused(await keyB.get(`/api/v1/shops/${shopA}${path}`), 403, 'IDENTITY_FORBIDDEN');
      expectRefused(await keyB.post(`/api/v1/shops/${shopA}/products`, { title: 'x', priceMinor: 1 }), 403, 'IDENTITY_FORBIDDEN');
      expectRefused(await keyB.delete(`/api/v1/shops/${shopA}/products/${productA}`), 403, 'IDENTITY_FORBIDDEN');
    });

    it("lets A's API key work in A but never manage keys or members", async () => {
      expect((await keyA.get(`/api/v1/shops/${shopA}/products`)).status).toBe(200);
      expectRefused(await keyA.post(`/api/v1/shops/${shopA}/api-keys`, { name: 'more' }), 403, 'IDENTITY_FORBIDDEN');
      expectRefused(await keyA.get(`/api/v1/shops/${shopA}/api-keys`), 403, 'IDENTITY_FORBIDDEN');
      expectRefused(await keyA.post(`/api/v1/shops/${shopA}/members`, { email: 'b@shop-b.example', role: 'owner' }), 403, 'IDENTITY_FORBIDDEN');
      expectRefused(await keyA.get(`/api/v1/me`), 403, 'IDENTITY_FORBIDDEN');
      expectRefused(await keyA.get(`/api/v1/shops/${shopB}/products`), 403, 'IDENTITY_FORBIDDEN');
    });

    it('refuses a host the catalog writes and the admin areas', async () => {
      expect((await hostA.get(`/api/v1/shops/${shopA}/products`)).status).toBe(200);
      expectRefused(await hostA.post(`/api/v1/shops/${shopA}/products`, { title: 'x', priceMinor: 1 }), 403, 'IDENTITY_FORBIDDEN');
      expectRefused(await hostA.get(`/api/v1/shops/${shopA}/api-keys`), 403, 'IDENTITY_FORBIDDEN');
      expectRefused(await hostA.delete(`/api/v1/shops/${shopA}/members/${(await hostA.get('/api/v1/me')).body.user.id}`), 403, 'IDENTITY_FORBIDDEN');
      expectRefused(await hostA.get('/api/v1/ops/shops'), 403, 'IDENTITY_FORBIDDEN');
    });

    it('refuses forged and revoked keys, and anonymous callers', async () => {
      expectRefused(await ownerA.withKey('htk_forged').get(`/api/v1/shops/${shopA}/products`), 401, 'IDENTITY_INVALID_API_KEY');
      const created = await ownerB.post(`/api/v1/shops/${shopB}/api-keys`, { name: 'short-lived' });
      expect((await ownerB.delete(`/api/v1/shops/${shopB}/api-keys/${created.body.apiKey.id}`)).status).toBe(204);
      expectRefused(await ownerB.withKey(created.body.secret).get(`/api/v1/shops/${shopB}/products`), 401, 'IDENTITY_INVALID_API_KEY');
      expectRefused(await new ApiClient(server.url).get(`/api/v1/shops/${shopA}/products`), 401, 'IDENTITY_UNAUTHENTICATED');
    });

    it("leaves A's data exactly as it was", async () => {
      expect(await snapshot()).toEqual(snapshotA);
    });
  });
}
