import type { Queryable } from '../platform/db/db.port';
import { keyset, type KeysetRow, type Page } from '../platform/db/keyset';
import type { PageQuery } from '../contracts/pagination.schemas';
import type { ApiKeyScope } from '../contracts/identity.schemas';

export interface ApiKeyRow {
  id: string;
  shopId: string;
  name: string;
  prefix: string;
  scopes: ApiKeyScope[];
  /** null: the configured default. */
  ratePerMinute: number | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const columns = `id, shop_id AS "shopId", name, prefix, scopes, rate_per_minute AS "ratePerMinute", created_at AS "createdAt",
  last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"`;

/** Every read and write of a shop's keys names the shop: a key id alone reaches nothing. */
export const apiKeysRepo = {
  async insert(
    db: Queryable,
    key: { id: string; shopId: string; name: string; prefix: string; keyHash: string; createdBy: string; scopes: readonly ApiKeyScope[]; ratePerMinute: number | null },
  ): Promise<ApiKeyRow> {
    const [row] = await db.query<ApiKeyRow>(
      `INSERT INTO api_keys (id, shop_id, name, prefix, key_hash, created_by, scopes, rate_per_minute) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       RETURNING ${columns}`,
      [key.id, key.shopId, key.name, key.prefix, key.keyHash, key.createdBy, key.scopes, key.ratePerMinute],
    );
    return row!;
  },

  /** Newest first. */
  async page(db: Queryable, shopId: string, query: PageQuery): Promise<Page<ApiKeyRow>> {
    const ks = keyset(query, { key: 'created_at', keyType: 'timestamptz', descending: true }, 2);
    return ks.page(await db.query<ApiKeyRow & KeysetRow>(`SELECT ${columns}, ${ks.keyColumns} FROM api_keys WHERE shop_id = $1 ${ks.where} ${ks.orderLimit}`, [shopId, ...ks.params]));
  },

  async byHash(db: Queryable, keyHash: string): Promise<(ApiKeyRow & { keyHash: string }) | undefined> {
    const [row] = await db.query<ApiKeyRow & { keyHash: string }>(
      `SELECT ${columns}, key_hash AS "keyHash" FROM api_keys WHERE key_hash = $1`,
      [keyHash],
    );
    return row;
  },

  async revoke(db: Queryable, shopId: string, id: string, at: Date): Promise<boolean> {
    const rows = await db.query(
      `UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $3) WHERE shop_id = $1 AND id = $2 RETURNING id`,
      [shopId, id, at],
    );
    return rows.length > 0;
  },

  /** Written at most once a minute per key, so busy integrations do not turn reads into writes. */
  async touch(db: Queryable, id: string, at: Date): Promise<void> {
    await db.query(
      `UPDATE api_keys SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $2::timestamptz - interval '1 minute')`,
      [id, at],
    );
  },
};
