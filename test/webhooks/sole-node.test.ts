import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/platform/db/db.port';
import { systemClock } from '../../src/kernel/clock';
import { createWebhooks, type SourceEvent, type WebhookSource } from '../../src/webhooks';
import { openTestPglite } from '../support/pglite';
import { until } from '../support/hutong-process';
import { Receiver } from './receiver';

/**
 * The embedded default is the only node: everything committed is its own and wakes the sender, so
 * it does not poll. An idle server runs no webhook query at all (it was ten statements a second,
 * a quarter of a quiet room's CPU), and a retry still goes out when it is due, woken by nobody.
 */
describe('webhooks on a sole node', () => {
  let db: Db;
  let receiver: Receiver;
  let queries = 0;
  const events: SourceEvent[] = [];
  const source: WebhookSource = {
    name: 'sole-test',
    async read(after, limit) {
      const from = Number(after ?? 0);
      const page = events.slice(from, from + limit);
      return { events: page, next: String(from + page.length) };
    },
  };
  let webhooks: ReturnType<typeof createWebhooks>;
  const shopId = randomUUID();

  beforeAll(async () => {
    db = await openTestPglite();
    receiver = await Receiver.start();
    await db.query(`INSERT INTO shops (id, slug, name) VALUES ($1, $2, 'sole')`, [shopId, `sole-${shopId.slice(0, 8)}`]);
    await db.query(
      `INSERT INTO webhook_endpoints (id, shop_id, url, event_types, secret, state, created_at) VALUES ($1, $2, $3, $4, 'whsec_c29sZS1ub2RlLXRlc3Qtc2VjcmV0', 'enabled', now())`,
      [randomUUID(), shopId, `${receiver.url}/hook`, ['order.created']],
    );
    const counted: Db = { ...db, kind: db.kind, ping: () => db.ping(), close: () => db.close(),
      query: (sql, params) => (queries++, db.query(sql, params)),
      transaction: (fn) => (queries++, db.transaction(fn)) };
    webhooks = createWebhooks({
      db: counted, clock: systemClock, sources: [source], log: { info() {}, warn() {}, error() {} },
      options: { timeoutMs: 2_000, maxAttempts: 5, retryBaseMs: 300, allowPrivate: true, parallel: 2, pollMs: 20, soleNode: true },
    });
    await webhooks.start();
  });
  afterAll(async () => {
    await webhooks?.close();
    await receiver?.close();
    await db?.close();
  });

  /** Resolves once the rounds that waking started are over (no query for 100 ms: five poll periods). */
  const quiet = () =>
    until(async () => {
      const at = queries;
      await new Promise((r) => setTimeout(r, 100));
      return queries === at || undefined;
    }, 'the webhook rounds to end', 5_000);

  it('runs no query while idle, however short the poll period', async () => {
    await until(async () => queries > 0 || undefined, 'the first round');
    await quiet();
    const before = queries;
    await new Promise((r) => setTimeout(r, 500)); // 25 poll periods
    expect(queries).toBe(before);
  });

  it('delivers when woken, and retries a failed delivery when it is due without being woken again', { timeout: 60_000 }, async () => {
    receiver.fail('/hook', 1);
    events.push({ id: 'o-1', shopId, type: 'order.created', at: new Date().toISOString(), data: { orderId: 'o-1' } });
    webhooks.wake();
    await until(async () => receiver.accepted('/hook').length === 1 || undefined, 'the retry accepted', 30_000);
    expect(receiver.received.filter((r) => r.path === '/hook').map((r) => r.status)).toEqual([503, 204]);
    await quiet();
    const before = queries;
    await new Promise((r) => setTimeout(r, 300));
    expect(queries).toBe(before);
  });
});
