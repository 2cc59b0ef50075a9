import type { ShopRole } from '../../../src/contracts/identity.schemas';
import type { Me, Membership } from './session.api';

/**
 * Which area each role may use, in one place for the header links and the route guards.
 * This only shapes the UI: the server checks every request against the same roles.
 */
export type ShopArea = 'studio' | 'admin';

export const areaRoles: Record<ShopArea, readonly ShopRole[]> = {
  studio: ['owner', 'host'],
  admin: ['owner', 'staff'],
};

export function canUseShopArea(area: ShopArea, membership: Membership | null): boolean {
  return membership !== null && areaRoles[area].includes(membership.role);
}

export function canUseOps(me: Me): boolean {
  return me.user.isOperator;
}
