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

export type { Access, Actor, ShopScope } from './access';
/** The session cookie's name, for edges that read the Cookie header themselves (the room socket's upgrade). */
export { SESSION_COOKIE } from './access';
export type { Accounts } from './accounts.service';
export type { Shops } from './shops.service';
export type { Permission } from './permissions';
export { identityRoutes, type IdentityRoutesDeps } from './identity.routes';

export function createIdentity({ db, clock, sessionTtlHours }: { db: Db; clock: Clock; sessionTtlHours: number }) {
  const accounts = createAccounts({ db, clock, sessionTtlHours });
  const shops = createShops({ db });
  const apiKeys = createApiKeys({ db, clock });
  return { accounts, shops, apiKeys, access: createAccess({ accounts, apiKeys, shops }) };
}

export type Identity = ReturnType<typeof createIdentity>;
