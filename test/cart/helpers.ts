import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../../src/platform/db/db.port';
import { ApiClient } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

export interface CartWorld {
  server: TestServer;
  owner: ApiClient;
  shopId: string;
  /** The demo shop's API key, for raw uploads. */
  key: string;
  upload(bytes: Buffer, contentType?: string, key?: string): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

/** The assembled app with the demo shop, blobs in a temporary directory, and the owner logged in. */
export async function openCartWorld(opts: { db?: Db; env?: Record<string, string> } = {}): Promise<CartWorld> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hutong-cart-'));
  const server = await startTestServer({ ...(opts.db ? { db: opts.db } : {}), env: { ...opts.env, HUTONG_DATA_DIR: dataDir } });
  const owner = new ApiClient(server.url);
  await owner.login(server.seed.ownerEmail, server.seed.ownerPassword);
  const shopId = (await owner.get('/api/v1/me')).body.memberships[0].shop.id as string;
  const key = (await owner.post(`/api/v1/shops/${shopId}/api-keys`, { name: 'uploads' })).body.secret as string;
  return {
    server,
    owner,
    shopId,
    key,
    async upload(bytes, contentType = 'image/png', withKey = key) {
      const res = await fetch(`${server.url}/api/v1/shops/${shopId}/images`, {
        method: 'POST',
        headers: { 'content-type': contentType, authorization: `Bearer ${withKey}` },
        body: new Uint8Array(bytes),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
