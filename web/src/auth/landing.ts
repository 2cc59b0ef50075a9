import type { Me } from '../shell/session.api';

/**
 * Where an account lands after logging in when it came from nowhere in particular: an operator in
 * ops, a shop owner or staff in shop admin, a host in the studio, anyone else on the home page.
 */
export function landingFor(me: Me | null): string {
  if (!me) return '/';
  if (me.user.isOperator) return '/ops';
  const roles = new Set(me.memberships.map((m) => m.role));
  if (roles.has('owner') || roles.has('staff')) return '/admin';
  if (roles.has('host')) return '/studio';
  return '/';
}
