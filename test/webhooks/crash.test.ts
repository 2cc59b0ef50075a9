import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/http';
import { runHutong, until, type HutongProcess } from '../support/hutong-process';
import { freePort } from '../support/net';
import { address, Buyer } from '../sales/world';
import { Receiver } from './receiver';

/**
 * A real `hutong serve` (PGlite) killed with SIGKILL while its webhook events are committed but not
 * delivered: the receiver is down, and the process dies right after the show's end is answered (its
 * event committed, perhaps not even read from the outbox yet). The events come from three outboxes
 * (live: the show; the cart: a pin; sales: orders). After a restart, with the receiver back, every
 * event arrives, in the order it happened, and each event once.
 */
describe('webhooks across a SIGKILL', () => {
  const running: HutongProcess[] = [];
  let receiver: Receiver | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'hutong-webhook-crash-'));
  afterAll(async () => {
    for (const r of running) r.child.kill('SIGKILL');
    await receiver?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  // Start-up takes a minute on a loaded machine (the web build, a new database): generous timeouts.
  it('loses no event committed before the kill', { timeout: 600_000 }, async () => {
    receiver = await Receiver.start();
    receiver.always('/hook', 503);
    const port = await freePort();
    const env = {
      HUTONG_DATA_DIR: dataDir, HUTONG_PORT: String(port), HUTONG_RTMP_PORT: String(await freePort()), HUTONG_FFMPEG: 'off', HUTONG_INGEST: 'external', HUTONG_EXTERNAL_RTMP_URL: 'rtmp://127.0.0.1:1935/live',
      HUTONG_SECRET: 'webhook-crash-secret-webhook-crash', HUTONG_WEBHOOK_ALLOW_PRIVATE: 'true', HUTONG_WEBHOOK_RETRY_BASE_MS: '200',
      HUTONG_WEBHOOK_MAX_ATTEMPTS: '30', HUTONG_WEBHOOK_POLL_MS: '200',
    };
    const base = `http://127.0.0.1:${port}`;
    const start = () =>
      // After a SIGKILL, PGlite's data-dir lock is left behind and expires within 30 s: try until it does.
      until(async () => {
        const p = runHutong(['serve'], env);
        running.push(p);
        const up = await Promise.race([until(() => p.output().includes('is up in'), 'start-up', 180_000).then(() => true), p.exited.then(() => false)]);
        return up ? p : undefined;
      }, 'a server that starts', 300_000);

    const first = await start();
    const owner = new ApiClient(base);
    await owner.login('owner@demo.hutong.local', 'hutong-demo');
    const shopId = (await owner.get('/api/v1/me')).body.memberships[0].shop.id;
    const roomId = (await owner.get('/api/v1/rooms/demo')).body.room.id;
    const tea = ((await owner.get(`/api/v1/shops/${shopId}/products`)).body.products as any[]).find((p) => p.title.startsWith('云南普洱茶饼')).id;
    const made = await owner.post(`/api/v1/shops/${shopId}/webhooks`, {
      url: `${receiver.url}/hook`, eventTypes: ['order.created', 'show.started', 'item.pinned', 'show.ended'],
    });
    expect(made.status).toBe(201);

    // The show goes live as an external media server would make it (its on_publish hook), and an item is pinned.
    const { streamKey } = (await owner.get(`/api/v1/shops/${shopId}/rooms/${roomId}/stream-key`)).body;
    const published = await fetch(`${base}/api/v1/media/hooks/nginx/publish`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ app: 'live', name: streamKey }),
    });
    expect(published.status).toBe(200);
    const showId = (await owner.get(`/api/v1/shops/${shopId}/rooms/${roomId}/shows`)).body.shows.find((s: { state: string }) => s.state === 'live').id;
    const cartPath = `/api/v1/shops/${shopId}/rooms/${roomId}/cart`;
    const item = ((await owner.get(cartPath)).body.items as { id: string; policy: string }[]).find((i) => i.policy !== 'hidden')!;
    expect((await owner.post(`${cartPath}/pin`, { itemId: item.id })).status).toBe(200);

    const buyer = new Buyer(base);
    expect((await buyer.post('/api/v1/auth/signup', { email: `crash-${port}@example.com`, password: 'a-good-password', displayName: 'b' })).status).toBe(201);
    const orders: string[] = [];
    for (let i = 0; i < 3; i++) {
      const placed = await buyer.send('POST', '/api/v1/orders', { roomId, lines: [{ productId: tea, quantity: 1 }], address });
      expect(placed.status).toBe(201);
      orders.push(placed.body.order.id);
    }
    expect((await owner.post(`/api/v1/shops/${shopId}/rooms/${roomId}/shows/${showId}/end`)).status).toBe(200);
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe(null);
    expect(receiver.accepted('/hook')).toEqual([]);

    receiver.always('/hook', 204);
    await start();
    const got = await until(() => receiver!.accepted('/hook').length >= 6 && receiver!.accepted('/hook'), 'six events after the restart', 60_000);
    const bodies = got.map((r) => JSON.parse(r.body) as { type: string; data: { orderId?: string; showId?: string; itemId?: string } });
    expect(bodies.map((b) => b.type)).toEqual(['show.started', 'item.pinned', 'order.created', 'order.created', 'order.created', 'show.ended']);
    expect(bodies.slice(2, 5).map((b) => b.data.orderId)).toEqual(orders);
    expect([bodies[0]!.data.showId, bodies[1]!.data.itemId, bodies[5]!.data.showId]).toEqual([showId, item.id, showId]);
    expect(new Set(got.map((r) => r.headers['webhook-id'])).size).toBe(6);
    // Nothing more comes: each event was queued once.
    await new Promise((r) => setTimeout(r, 1500));
    expect(receiver.accepted('/hook')).toHaveLength(6);
  });
});
