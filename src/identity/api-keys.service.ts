import type { Db } from '../platform/db/db.port';
import type { Clock } from '../kernel/clock';
import { AppError } from '../kernel/app-error';
import { newId, newSecret } from '../kernel/ids';
import { constantTimeEqual, hashSecret } from '../kernel/secrets';
import { apiKeysRepo, type ApiKeyRow } from './api-keys.repo';

const PREFIX = 'htk_';

const toDto = (k: ApiKeyRow) => ({
  id: k.id,
  name: k.name,
  prefix: k.prefix,
  createdAt: k.createdAt.toISOString(),
  lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
  revokedAt: k.revokedAt?.toISOString() ?? null,
});

/** Per-shop API keys: shown once at creation, stored as SHA-256, revocable. */
export function createApiKeys({ db, clock }: { db: Db; clock: Clock }) {
  return {
    async create(shopId: string, name: string, createdBy: string) {
      const secret = `${PREFIX}${newSecret()}`;
      const row = await apiKeysRepo.insert(db, {
        id: newId(),
        shopId,
        name,
        prefix: secret.slice(0, PREFIX.length + 6),
        keyHash: hashSecret(secret),
        createdBy,
      });
      return { apiKey: toDto(row), secret };
    },

    async list(shopId: string) {
      return (await apiKeysRepo.list(db, shopId)).map(toDto);
    },

    async revoke(shopId: string, keyId: string): Promise<void> {
      if (!(await apiKeysRepo.revoke(db, shopId, keyId, clock.now()))) throw new AppError('IDENTITY_API_KEY_NOT_FOUND');
    },

    /** The shop and key behind a presented secret; throws for an unknown or revoked key. */
    async authenticate(secret: string): Promise<{ shopId: string; keyId: string }> {
      if (!secret.startsWith(PREFIX) || secret.length > 200) throw new AppError('IDENTITY_INVALID_API_KEY');
      const presented = hashSecret(secret);
      const row = await apiKeysRepo.byHash(db, presented);
      if (!row || !constantTimeEqual(row.keyHash, presented) || row.revokedAt) throw new AppError('IDENTITY_INVALID_API_KEY');
      await apiKeysRepo.touch(db, row.id, clock.now());
      return { shopId: row.shopId, keyId: row.id };
    },
  };
}

export type ApiKeys = ReturnType<typeof createApiKeys>;
