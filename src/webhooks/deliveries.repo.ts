import type { Queryable } from '../platform/db/db.port';
import { keyset, type KeysetRow, type Page } from '../platform/db/keyset';
import type { PageQuery } from '../contracts/pagination.schemas';

export interface DeliveryRow {
  id: string;
  messageId: string;
  eventType: string;
  state: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  nextAttemptAt: Date | null;
  lastStatus: number | null;
  createdAt: Date;
  finishedAt: Date | null;
}

/** The head of an endpoint's queue, with what sending it needs. */
export interface DueDelivery extends DeliveryRow {
  body: string;
}

export interface AttemptRow {
  attempt: number;
  at: Date;
  requestHeaders: Record<string, string>;
  requestBody: string;
  responseStatus: number | null;
  responseBody: string | null;
  error: string | null;
  durationMs: number;
}

const columns = `d.id, d.message_id AS "messageId", m.type AS "eventType", d.state, d.attempts, d.next_attempt_at AS "nextAttemptAt",
  d.last_status AS "lastStatus", d.created_at AS "createdAt", d.finished_at AS "finishedAt"`;

export interface NewMessage {
  id: string;
  shopId: string;
  type: string;
  source: string;
  sourceId: string;
  body: string;
  createdAt: Date;
}

export const deliveriesRepo = {
  /**
   * The message (once per source event: a repeat is ignored) and a pending delivery to each enabled
   * endpoint of its shop subscribed to its type, or only to `onlyEndpoint` (a test event).
   * An event no endpoint wants is not stored. Returns the ids of the deliveries queued.
   */
  /** Which of these shops have an enabled endpoint at all. */
  async shopsWithEndpoints(q: Queryable, shopIds: readonly string[]): Promise<string[]> {
    const rows = await q.query<{ shopId: string }>(
      `SELECT DISTINCT shop_id AS "shopId" FROM webhook_endpoints WHERE shop_id = ANY($1::uuid[]) AND state = 'enabled'`,
      [shopIds],
    );
    return rows.map((r) => r.shopId);
  },

  async enqueue(tx: Queryable, m: NewMessage, newId: () => string, onlyEndpoint?: string): Promise<string[]> {
    const endpoints = await tx.query<{ id: string }>(
      onlyEndpoint
        ? `SELECT id FROM webhook_endpoints WHERE shop_id = $1 AND id = $2`
        : `SELECT id FROM webhook_endpoints WHERE shop_id = $1 AND state = 'enabled' AND $2 = ANY(event_types) ORDER BY created_at, id`,
      [m.shopId, onlyEndpoint ?? m.type],
    );
    if (endpoints.length === 0) return [];
    const inserted = await tx.query(
      `INSERT INTO webhook_messages (id, shop_id, type, source, source_id, body, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (source, source_id) DO NOTHING RETURNING id`,
      [m.id, m.shopId, m.type, m.source, m.sourceId, m.body, m.createdAt],
    );
    if (inserted.length === 0) return [];
    const ids: string[] = [];
    for (const e of endpoints) {
      const id = newId();
      ids.push(id);
      await tx.query(
        `INSERT INTO webhook_deliveries (id, endpoint_id, message_id, state, next_attempt_at, created_at) VALUES ($1, $2, $3, 'pending', $4, $4)`,
        [id, e.id, m.id, m.createdAt],
      );
    }
    return ids;
  },

  /** Holds the endpoint a while longer (before each attempt), so no other node takes it meanwhile. */
  async renew(db: Queryable, endpointId: string, until: Date): Promise<void> {
    await db.query(`UPDATE webhook_endpoints SET lease_until = $2 WHERE id = $1`, [endpointId, until]);
  },

  /** The same message to the same endpoint once more, after what is already queued (redeliver). */
  async requeue(db: Queryable, endpointId: string, deliveryId: string, id: string, at: Date): Promise<boolean> {
    const rows = await db.query(
      `INSERT INTO webhook_deliveries (id, endpoint_id, message_id, state, next_attempt_at, created_at)
       SELECT $3, endpoint_id, message_id, 'pending', $4, $4 FROM webhook_deliveries WHERE endpoint_id = $1 AND id = $2 RETURNING id`,
      [endpointId, deliveryId, id, at],
    );
    return rows.length > 0;
  },

  /**
   * Leases up to `limit` enabled endpoints whose oldest pending delivery is due and that no node holds,
   * until `until`. SKIP LOCKED: nodes polling at once take different endpoints, never the same one.
   */
  async lease(
    db: Queryable, now: Date, until: Date, limit: number,
  ): Promise<{ id: string; url: string; secret: string; previousSecret: string | null; previousSecretUntil: Date | null }[]> {
    return db.query(
      `UPDATE webhook_endpoints SET lease_until = $2
        WHERE id IN (
          SELECT e.id FROM webhook_endpoints e
           WHERE e.state = 'enabled' AND (e.lease_until IS NULL OR e.lease_until < $1)
             AND (SELECT d.next_attempt_at FROM webhook_deliveries d WHERE d.endpoint_id = e.id AND d.state = 'pending' ORDER BY d.seq LIMIT 1) <= $1
           LIMIT $3 FOR UPDATE SKIP LOCKED)
        RETURNING id, url, secret, previous_secret AS "previousSecret", previous_secret_until AS "previousSecretUntil"`,
      [now, until, limit],
    );
  },

  /** When the earliest delivery at the head of an enabled endpoint's queue is due; null when none waits. */
  async nextDue(db: Queryable): Promise<Date | null> {
    const [row] = await db.query<{ due: Date | null }>(
      `SELECT min(h.next_attempt_at) AS due FROM webhook_endpoints e
         CROSS JOIN LATERAL (SELECT d.next_attempt_at FROM webhook_deliveries d
                              WHERE d.endpoint_id = e.id AND d.state = 'pending' ORDER BY d.seq LIMIT 1) h
        WHERE e.state = 'enabled'`,
    );
    return row?.due ? new Date(row.due) : null;
  },

  async release(db: Queryable, endpointId: string): Promise<void> {
    await db.query(`UPDATE webhook_endpoints SET lease_until = NULL WHERE id = $1`, [endpointId]);
  },

  /** The endpoint's oldest pending delivery (deliveries go out in order, one at a time). */
  async head(db: Queryable, endpointId: string): Promise<DueDelivery | undefined> {
    const [row] = await db.query<DueDelivery>(
      `SELECT ${columns}, m.body FROM webhook_deliveries d JOIN webhook_messages m ON m.id = d.message_id
        WHERE d.endpoint_id = $1 AND d.state = 'pending' ORDER BY d.seq LIMIT 1`,
      [endpointId],
    );
    return row;
  },

  /** One attempt's outcome: logged, and the delivery moved on (done, failed for good, or due again at `nextAttemptAt`). */
  async recordAttempt(
    tx: Queryable,
    deliveryId: string,
    attempt: AttemptRow,
    outcome: { state: 'pending' | 'succeeded' | 'failed'; nextAttemptAt: Date | null },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO webhook_attempts (delivery_id, attempt, at, request_headers, request_body, response_status, response_body, error, duration_ms)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [deliveryId, attempt.attempt, attempt.at, JSON.stringify(attempt.requestHeaders), attempt.requestBody, attempt.responseStatus, attempt.responseBody, attempt.error, attempt.durationMs],
    );
    await tx.query(
      `UPDATE webhook_deliveries SET attempts = $2, state = $3, next_attempt_at = $4, last_status = $5,
              finished_at = CASE WHEN $3 = 'pending' THEN NULL ELSE $6::timestamptz END
        WHERE id = $1`,
      [deliveryId, attempt.attempt, outcome.state, outcome.nextAttemptAt, attempt.responseStatus, attempt.at],
    );
  },

  /** The delivery log of one endpoint, newest first. */
  async page(db: Queryable, endpointId: string, query: PageQuery): Promise<Page<DeliveryRow>> {
    const ks = keyset(query, { key: 'd.created_at', keyType: 'timestamptz', id: 'd.id', descending: true }, 2);
    return ks.page(
      await db.query<DeliveryRow & KeysetRow>(
        `SELECT ${columns}, ${ks.keyColumns} FROM webhook_deliveries d JOIN webhook_messages m ON m.id = d.message_id
          WHERE d.endpoint_id = $1 ${ks.where} ${ks.orderLimit}`,
        [endpointId, ...ks.params],
      ),
    );
  },

  async get(db: Queryable, endpointId: string, deliveryId: string): Promise<DeliveryRow | undefined> {
    const [row] = await db.query<DeliveryRow>(
      `SELECT ${columns} FROM webhook_deliveries d JOIN webhook_messages m ON m.id = d.message_id WHERE d.endpoint_id = $1 AND d.id = $2`,
      [endpointId, deliveryId],
    );
    return row;
  },

  async attempts(db: Queryable, deliveryId: string): Promise<AttemptRow[]> {
    return db.query<AttemptRow>(
      `SELECT attempt, at, request_headers AS "requestHeaders", request_body AS "requestBody", response_status AS "responseStatus",
              response_body AS "responseBody", error, duration_ms AS "durationMs"
         FROM webhook_attempts WHERE delivery_id = $1 ORDER BY attempt LIMIT 100`,
      [deliveryId],
    );
  },

  async cursor(tx: Queryable, source: string): Promise<string | null> {
    const [row] = await tx.query<{ cursor: string }>(`SELECT cursor FROM webhook_cursors WHERE source = $1 FOR UPDATE`, [source]);
    return row?.cursor ?? null;
  },

  async setCursor(tx: Queryable, source: string, cursor: string): Promise<void> {
    await tx.query(`INSERT INTO webhook_cursors (source, cursor) VALUES ($1, $2) ON CONFLICT (source) DO UPDATE SET cursor = EXCLUDED.cursor`, [source, cursor]);
  },
};
