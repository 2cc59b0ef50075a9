import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/platform/db/db.port';
import { manualClock } from '../../src/kernel/clock';
import { createIngest, type SourceEvent, type WebhookSource } from '../../src/webhooks/ingest';
import { webhookEventTypes } from '../../src/contracts/webhooks.schemas';
import { openTestPglite } from '../support/pglite';

/** An outbox in memory: its cursor is the count of events given out. */
function memorySource(name: string, events: SourceEvent[]): WebhookSource {
  return {
    name,
    async read(after, limit) {
      const from = Number(after ?? 0);
      const page = events.slice(from, from + limit);
      return { events: page, next: String(from + page.length) };
    },
  };
}

const at = (ms: number) => new Date(Date.UTC(2026, 10, 27, 12, 0, 0) + ms).toISOString();

/**
 * Events of several owners' outboxes reach an endpoint in the order they happened, not source by
 * source: a show started, an item pinned, an order placed, whatever outbox each came from.
 */
describe('webhook ingest across sources', () => {
  let db: Db;
  let shopId: string;
  let endpointId: string;

  beforeAll(async () => {
    db = await openTestPglite();
    shopId = randomUUID();
    endpointId = randomUUID();
    await db.query(`INSERT INTO shops (id, slug, name) VALUES ($1, $2, 'ingest')`, [shopId, `ingest-${shopId.slice(0, 8)}`]);
    await db.query(
      `INSERT INTO webhook_endpoints (id, shop_id, url, event_types, secret, state, created_at) VALUES ($1, $2, 'https://example.com/h', $3, 'whsec_x', 'enabled', now())`,
      [endpointId, shopId, [...webhookEventTypes]],
    );
  });
  afterAll(async () => db?.close());

  const queuedIds = async () =>
    (
      await db.query<{ sourceId: string }>(
        `SELECT m.source_id AS "sourceId" FROM webhook_deliveries d JOIN webhook_messages m ON m.id = d.message_id WHERE d.endpoint_id = $1 ORDER BY d.seq`,
        [endpointId],
      )
    ).map((r) => r.sourceId);
  const event = (id: string, type: string, ms: number): SourceEvent => ({ id, shopId, type, at: at(ms), data: {} });

  it('queues the events of several sources in the order they happened, and each once', async () => {
    const live = memorySource('live-a', [event('started', 'show.started', 0), event('ended', 'show.ended', 30)]);
    const cart = memorySource('cart-a', [event('pinned', 'item.pinned', 10)]);
    const sales = memorySource('sales-a', [event('order', 'order.created', 20)]);
    const ingest = createIngest({ db, clock: manualClock(), sources: [sales, live, cart] });
    expect(await ingest.ingest()).toBe(4);
    expect(await queuedIds()).toEqual(['started', 'pinned', 'order', 'ended']);
    expect(await ingest.ingest()).toBe(0);
    expect(await queuedIds()).toHaveLength(4);
  });

  it('lets no event overtake an earlier one still unread when a source has more than a page waiting', async () => {
    await db.query(`DELETE FROM webhook_deliveries WHERE endpoint_id = $1`, [endpointId]);
    const many = Array.from({ length: 450 }, (_, i) => event(`order-${i}`, 'order.created', i * 2));
    const pin = event('pin', 'item.pinned', 601);
    const ingest = createIngest({ db, clock: manualClock(), sources: [memorySource('sales-b', many), memorySource('cart-b', [pin])] });
    expect(await ingest.ingest()).toBe(451);
    const ids = await queuedIds();
    expect(ids.indexOf('pin')).toBe(301);
    expect(ids.filter((id) => id !== 'pin')).toEqual(many.map((e) => e.id));
  });
});
