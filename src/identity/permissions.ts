import type { ShopRole } from '../contracts/identity.schemas';

/**
 * Who may do what inside a shop, in one table. An API key acts for its shop with the rights
 * marked `apiKey`; it can never manage members or other keys, so a leaked key cannot mint more.
 */
export const permissions = {
  'shop.read': { roles: ['owner', 'staff', 'host'], apiKey: true },
  'catalog.write': { roles: ['owner', 'staff'], apiKey: true },
  'rooms.write': { roles: ['owner'], apiKey: true },
  // Running a show: the cart and its pinned item, scheduling, moderating chat.
  'live.run': { roles: ['owner', 'staff', 'host'], apiKey: true },
  // Going live: stream keys (which let someone broadcast as the shop) and the show schedule. People only.
  'live.present': { roles: ['owner', 'host'], apiKey: false },
  'members.manage': { roles: ['owner'], apiKey: false },
  'apiKeys.manage': { roles: ['owner'], apiKey: false },
} as const satisfies Record<string, { roles: readonly ShopRole[]; apiKey: boolean }>;

export type Permission = keyof typeof permissions;

export const roleAllows = (role: ShopRole, p: Permission): boolean =>
  (permissions[p].roles as readonly ShopRole[]).includes(role);

export const apiKeyAllows = (p: Permission): boolean => permissions[p].apiKey;
