/**
 * Identity: accounts, shops (tenants), roles, sessions and API keys.
 * Other contexts use `Access` to learn who calls and which shop they may act on.
 */
import type { Db } from '../platform/db/db.port';
import type { Clock } from '../kernel/clock';
import { createAccounts } from './accounts.service';
import { createApiKeys } from './api-keys.service';
import { createShops } from './shops.service';
import { createAccess } from './access';
import { createSessionCache } from './session-cache';
import type { Bus } from '../platform/bus/bus.port';
import { createFollows } from './follows.service';

export type { Access, Actor, ShopScope } from './access';
/** The session cookie's name, for edges that read the Cookie header themselves (the room socket's upgrade). */
export { SESSION_COOKIE } from './access';
export type { Accounts } from './accounts.service';
export type { Shops } from './shops.service';
export type { Permission } from './permissions';
export { identityRoutes, type IdentityRoutesDeps } from './identity.routes';
export { memoryLoginFailures, redisLoginFailures, type LoginFailures } from './login-failures';
export type { Follows } from './follows.service';
export { followsRoutes } from './follows.routes';
export { limitApiKeys } from './api-key-limit';

export interface IdentityOptions {
  db: Db;
  bus: Bus;
  clock: Clock;
  sessionTtlHours: number;
  sessionCacheMs: number;
  /** Requests per minute of an API key that has no limit of its own. */
  apiKeyRatePerMinute: number;
}

export function createIdentity({ db, bus, clock, sessionTtlHours, sessionCacheMs, apiKeyRatePerMinute }: IdentityOptions) {
  const sessions = createSessionCache({ ttlMs: sessionCacheMs, bus, now: () => clock.now().getTime() });
  const accounts = createAccounts({ db, clock, sessionTtlHours, sessions });
  const shops = createShops({ db });
  const apiKeys = createApiKeys({ db, clock, defaultRatePerMinute: apiKeyRatePerMinute });
  const follows = createFollows({ db, clock });
  return {
    accounts,
    shops,
    apiKeys,
    follows,
    access: createAccess({ accounts, apiKeys, shops }),
    /** Hears other nodes' logouts (their sessions leave this node's cache). */
    start: () => sessions.start(),
    close: () => sessions.close(),
  };
}

export type Identity = ReturnType<typeof createIdentity>;
