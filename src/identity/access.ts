import type {} from '@fastify/cookie'; // augments request.cookies
import type { FastifyRequest } from 'fastify';
import { AppError } from '../kernel/app-error';
import type { ShopRole, User } from '../contracts/identity.schemas';
import type { Accounts } from './accounts.service';
import type { ApiKeys, KeyHolder } from './api-keys.service';
import type { Shops } from './shops.service';
import { apiKeyAllows, permissions, roleAllows, type Permission } from './permissions';

export const SESSION_COOKIE = 'hutong_session';

/** Who is calling: a logged-in account, or a shop's API key. */
export type Actor = { kind: 'user'; user: User } | ({ kind: 'apiKey' } & KeyHolder);

/** What a caller may act on: one shop, proven by membership or by that shop's key. */
export interface ShopScope {
  shopId: string;
  actor: Actor;
  role: ShopRole | 'apiKey';
}

/**
 * Resolves the caller of a request once (cached per request) and checks rights.
 * A bearer API key wins over a cookie; a presented but bad credential is an error, never anonymous.
 */
export function createAccess(deps: { accounts: Accounts; apiKeys: ApiKeys; shops: Shops }) {
  const cache = new WeakMap<FastifyRequest, Promise<Actor | null>>();

  async function resolve(req: FastifyRequest): Promise<Actor | null> {
    const auth = req.headers.authorization;
    if (auth !== undefined) {
      const match = /^Bearer (\S+)$/.exec(auth);
      if (!match) throw new AppError('IDENTITY_INVALID_API_KEY');
      return { kind: 'apiKey', ...(await deps.apiKeys.authenticate(match[1]!)) };
    }
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return null;
    return { kind: 'user', user: await deps.accounts.userForSession(token) };
  }

  const optionalActor = (req: FastifyRequest): Promise<Actor | null> => {
    let p = cache.get(req);
    if (!p) cache.set(req, (p = resolve(req)));
    return p;
  };

  async function actor(req: FastifyRequest): Promise<Actor> {
    const a = await optionalActor(req);
    if (!a) throw new AppError('IDENTITY_UNAUTHENTICATED');
    return a;
  }

  return {
    optionalActor,
    actor,

    /** The logged-in account (API keys are not accounts). */
    async user(req: FastifyRequest): Promise<User> {
      const a = await actor(req);
      if (a.kind !== 'user') throw new AppError('IDENTITY_FORBIDDEN', 'This needs a logged-in account, not an API key.');
      return a.user;
    },

    async operator(req: FastifyRequest): Promise<User> {
      const user = await this.user(req);
      if (!user.isOperator) throw new AppError('IDENTITY_FORBIDDEN');
      return user;
    },

    /** Checks the caller may do `permission` in `shopId`; every tenant route goes through here. */
    async shop(req: FastifyRequest, shopId: string, permission: Permission): Promise<ShopScope> {
      const a = await actor(req);
      if (a.kind === 'apiKey') {
        if (a.shopId !== shopId) throw new AppError('IDENTITY_FORBIDDEN');
        // Never a key's business (members, keys, going live): forbidden as before scopes existed.
        if (permissions[permission].scopes.length === 0) throw new AppError('IDENTITY_FORBIDDEN', 'API keys may not do this; it needs a logged-in account.');
        if (!apiKeyAllows(a.scopes, permission)) {
          throw new AppError('IDENTITY_API_KEY_SCOPE', `This API key lacks the scope for this: it needs ${permissions[permission].scopes.join(' or ')}.`);
        }
        return { shopId, actor: a, role: 'apiKey' };
      }
      const role = await deps.shops.roleOf(shopId, a.user.id);
      if (!role || !roleAllows(role, permission)) throw new AppError('IDENTITY_FORBIDDEN');
      return { shopId, actor: a, role };
    },
  };
}

export type Access = ReturnType<typeof createAccess>;

