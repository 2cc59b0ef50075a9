import type { Queryable } from '../platform/db/db.port';
import { keyset, type KeysetRow, type Page } from '../platform/db/keyset';
import type { PageQuery } from '../contracts/pagination.schemas';
import type { WebhookEventType } from '../contracts/webhooks.schemas';

export interface EndpointRow {
  id: string;
  shopId: string;
  url: string;
  description: string;
  eventTypes: WebhookEventType[];
  secret: string;
  state: 'enabled' | 'disabled';
  disabledReason: string | null;
  /** Until then the secret before the last rotation still signs too (null: none). */
  previousSecretUntil: Date | null;
  createdAt: Date;
}

const columns = `id, shop_id AS "shopId", url, description, event_types AS "eventTypes", secret, state,
  disabled_reason AS "disabledReason", previous_secret_until AS "previousSecretUntil", created_at AS "createdAt"`;

/** A shop's endpoints; every statement names the shop, so an id of another shop reaches nothing. */
export const endpointsRepo = {
  async insert(db: Queryable, e: Omit<EndpointRow, 'state' | 'disabledReason' | 'previousSecretUntil'>): Promise<EndpointRow> {
    const [row] = await db.query<EndpointRow>(
      `INSERT INTO webhook_endpoints (id, shop_id, url, description, event_types, secret, state, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'enabled', $7) RETURNING ${columns}`,
      [e.id, e.shopId, e.url, e.description, e.eventTypes, e.secret, e.createdAt],
    );
    return row!;
  },

  async get(db: Queryable, shopId: string, id: string): Promise<EndpointRow | undefined> {
    const [row] = await db.query<EndpointRow>(`SELECT ${columns} FROM webhook_endpoints WHERE shop_id = $1 AND id = $2`, [shopId, id]);
    return row;
  },

  /** Newest first. */
  async page(db: Queryable, shopId: string, query: PageQuery): Promise<Page<EndpointRow>> {
    const ks = keyset(query, { key: 'created_at', keyType: 'timestamptz', descending: true }, 2);
    return ks.page(await db.query<EndpointRow & KeysetRow>(`SELECT ${columns}, ${ks.keyColumns} FROM webhook_endpoints WHERE shop_id = $1 ${ks.where} ${ks.orderLimit}`, [shopId, ...ks.params]));
  },

  async update(
    db: Queryable,
    shopId: string,
    id: string,
    change: { url?: string; description?: string; eventTypes?: readonly string[]; enabled?: boolean },
  ): Promise<EndpointRow | undefined> {
    const [row] = await db.query<EndpointRow>(
      `UPDATE webhook_endpoints SET
         url = COALESCE($3, url),
         description = COALESCE($4, description),
         event_types = COALESCE($5, event_types),
         state = CASE WHEN $6::boolean IS NULL THEN state WHEN $6 THEN 'enabled' ELSE 'disabled' END,
         disabled_reason = CASE WHEN $6::boolean IS NULL THEN disabled_reason WHEN $6 THEN NULL ELSE 'disabled by hand' END
       WHERE shop_id = $1 AND id = $2 RETURNING ${columns}`,
      [shopId, id, change.url ?? null, change.description ?? null, change.eventTypes ?? null, change.enabled ?? null],
    );
    return row;
  },

  /**
   * A new secret; the one it replaces keeps signing beside it until `previousUntil`. One statement,
   * so a delivery leased meanwhile signs with the pair before or the pair after, never half of each.
   */
  async rotate(db: Queryable, shopId: string, id: string, secret: string, previousUntil: Date): Promise<EndpointRow | undefined> {
    const [row] = await db.query<EndpointRow>(
      `UPDATE webhook_endpoints SET previous_secret = secret, previous_secret_until = $4, secret = $3
        WHERE shop_id = $1 AND id = $2 RETURNING ${columns}`,
      [shopId, id, secret, previousUntil],
    );
    return row;
  },

  async remove(db: Queryable, shopId: string, id: string): Promise<boolean> {
    return (await db.query(`DELETE FROM webhook_endpoints WHERE shop_id = $1 AND id = $2 RETURNING id`, [shopId, id])).length > 0;
  },

  async disable(db: Queryable, id: string, reason: string): Promise<void> {
    await db.query(`UPDATE webhook_endpoints SET state = 'disabled', disabled_reason = $2 WHERE id = $1`, [id, reason]);
  },
};
