import type { Queryable } from '../platform/db/db.port';

export interface ApiKeyRow {
  id: string;
  shopId: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const columns = `id, shop_id AS "shopId", name, prefix, created_at AS "createdAt",
  last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"`;

/** Every read and write of a shop's keys names the shop: a key id alone reaches nothing. */
export const apiKeysRepo = {
  async insert(
    db: Queryable,
    k: { id: string; shopId: string; name: string; prefix: string; keyHash: string; createdBy: string },
  ): Promise<ApiKeyRow> {
    const [row] = await db.query<ApiKeyRow>(
      `INSERT INTO api_keys (id, shop_id, name, prefix, key_hash, created_by) VALUES ($1, $2, $3, $4, $5, $6)
       RETURNING ${columns}`,
      [k.id, k.shopId, k.name, k.prefix, k.keyHash, k.createdBy],
    );
    return row!;
  },

  async list(db: Queryable, shopId: string): Promise<ApiKeyRow[]> {
    return db.query<ApiKeyRow>(`SELECT ${columns} FROM api_keys WHERE shop_id = $1 ORDER BY created_at DESC`, [
      shopId,
    ]);
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
