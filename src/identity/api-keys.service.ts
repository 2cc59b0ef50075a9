import type { Db } from '../platform/db/db.port';
import type { Clock } from '../kernel/clock';
import { AppError } from '../kernel/app-error';
import { mapPage } from '../platform/db/keyset';
import type { PageQuery } from '../contracts/pagination.schemas';
import { newId, newSecret } from '../kernel/ids';
import { constantTimeEqual, hashSecret } from '../kernel/secrets';
import { apiKeyScopes, type ApiKeyScope } from '../contracts/identity.schemas';
import { apiKeysRepo, type ApiKeyRow } from './api-keys.repo';

const PREFIX = 'htk_';

/** A presented key that is genuine: its shop, what it may do and how fast. */
export interface KeyHolder {
  shopId: string;
  keyId: string;
  scopes: ApiKeyScope[];
  ratePerMinute: number;
}

const toDto = (key: ApiKeyRow, defaultRate: number) => ({
  id: key.id,
  name: key.name,
  prefix: key.prefix,
  // In the catalogue's order, whatever order they were given in.
  scopes: apiKeyScopes.filter((s) => key.scopes.includes(s)),
  ratePerMinute: key.ratePerMinute ?? defaultRate,
  createdAt: key.createdAt.toISOString(),
  lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
  revokedAt: key.revokedAt?.toISOString() ?? null,
});

/**
 * Per-shop API keys: shown once at creation, stored as SHA-256, revocable, each with its scopes and
 * its rate limit (`defaultRatePerMinute` unless the key has its own).
 */
export function createApiKeys({ db, clock, defaultRatePerMinute }: { db: Db; clock: Clock; defaultRatePerMinute: number }) {
  const dto = (key: ApiKeyRow) => toDto(key, defaultRatePerMinute);
  return {
    async create(shopId: string, key: { name: string; scopes?: readonly ApiKeyScope[]; ratePerMinute?: number }, createdBy: string) {
      const secret = `${PREFIX}${newSecret()}`;
      const row = await apiKeysRepo.insert(db, {
        id: newId(),
        shopId,
        name: key.name,
        prefix: secret.slice(0, PREFIX.length + 6),
        keyHash: hashSecret(secret),
        createdBy,
        scopes: [...new Set(key.scopes ?? apiKeyScopes)],
        ratePerMinute: key.ratePerMinute ?? null,
      });
      return { apiKey: dto(row), secret };
    },

    list: async (shopId: string, query: PageQuery) => mapPage(await apiKeysRepo.page(db, shopId, query), dto),

    async revoke(shopId: string, keyId: string): Promise<void> {
      if (!(await apiKeysRepo.revoke(db, shopId, keyId, clock.now()))) throw new AppError('IDENTITY_API_KEY_NOT_FOUND');
    },

    /** The shop and key behind a presented secret; throws for an unknown or revoked key. */
    async authenticate(secret: string): Promise<KeyHolder> {
      if (!secret.startsWith(PREFIX) || secret.length > 200) throw new AppError('IDENTITY_INVALID_API_KEY');
      const presented = hashSecret(secret);
      const row = await apiKeysRepo.byHash(db, presented);
      if (!row || !constantTimeEqual(row.keyHash, presented) || row.revokedAt) throw new AppError('IDENTITY_INVALID_API_KEY');
      await apiKeysRepo.touch(db, row.id, clock.now());
      return { shopId: row.shopId, keyId: row.id, scopes: row.scopes, ratePerMinute: row.ratePerMinute ?? defaultRatePerMinute };
    },
  };
}

export type ApiKeys = ReturnType<typeof createApiKeys>;
