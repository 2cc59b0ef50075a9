import type { ShopRole } from '../contracts/identity.schemas';
import { apiKeyScopes, type ApiKeyScope } from '../contracts/identity.schemas';

/**
 * Who may do what inside a shop, in one table: the roles that may, and the API-key scopes that may
 * (a key needs any one of them; none listed: no key ever). A key can never manage members or other
 * keys, so a leaked key cannot mint more; nor go live, since a stream key lets someone broadcast as
 * the shop. Writing an area includes reading it.
 */
export const permissions = {
  // The shop itself and its members: any key of the shop, whatever its scopes.
  'shop.read': { roles: ['owner', 'staff', 'host'], scopes: apiKeyScopes },
  'catalog.read': { roles: ['owner', 'staff', 'host'], scopes: ['catalog:read', 'catalog:write'] },
  'catalog.write': { roles: ['owner', 'staff'], scopes: ['catalog:write'] },
  // Rooms, shows, the cart, chat settings and the incoming stream, as the studio shows them.
  'live.read': { roles: ['owner', 'staff', 'host'], scopes: ['live:read', 'live:write'] },
  'rooms.write': { roles: ['owner'], scopes: ['live:write'] },
  // Running a show: the cart and its pinned item, scheduling, moderating chat.
  'live.run': { roles: ['owner', 'staff', 'host'], scopes: ['live:write'] },
  // Going live: stream keys (which let someone broadcast as the shop) and the show schedule. People only.
  'live.present': { roles: ['owner', 'host'], scopes: [] },
  // Sales: reading orders and show sales (a host watches the order count), and running them.
  'sales.read': { roles: ['owner', 'staff', 'host'], scopes: ['sales:read', 'sales:write'] },
  'sales.manage': { roles: ['owner', 'staff'], scopes: ['sales:write'] },
  // Webhook subscriptions, their secrets and delivery logs.
  'webhooks.manage': { roles: ['owner'], scopes: ['webhooks'] },
  'members.manage': { roles: ['owner'], scopes: [] },
  'apiKeys.manage': { roles: ['owner'], scopes: [] },
} as const satisfies Record<string, { roles: readonly ShopRole[]; scopes: readonly ApiKeyScope[] }>;

export type Permission = keyof typeof permissions;

export const roleAllows = (role: ShopRole, permission: Permission): boolean =>
  (permissions[permission].roles as readonly ShopRole[]).includes(role);

/** Whether a key holding `scopes` may do `permission`. */
export const apiKeyAllows = (scopes: readonly ApiKeyScope[], permission: Permission): boolean =>
  (permissions[permission].scopes as readonly ApiKeyScope[]).some((s) => scopes.includes(s));
