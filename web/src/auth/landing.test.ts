import { describe, expect, it } from 'vitest';
import type { Me } from '../shell/session.api';
import { landingFor } from './landing';

const me = (roles: ('owner' | 'staff' | 'host')[], isOperator = false): Me => ({
  user: { id: '0b7c1e4e-5d7f-4c1a-9a51-1f0e4f6d2a10', email: 'a@example.com', displayName: 'A', isOperator },
  memberships: roles.map((role, i) => ({ role, shop: { id: `0b7c1e4e-5d7f-4c1a-9a51-1f0e4f6d2a1${i}`, slug: `s${i}`, name: 'S', createdAt: '' } })),
});

describe('landing after login', () => {
  it('sends each role where it works', () => {
    expect(landingFor(me([], true))).toBe('/ops');
    expect(landingFor(me(['owner']))).toBe('/admin');
    expect(landingFor(me(['staff']))).toBe('/admin');
    expect(landingFor(me(['host']))).toBe('/studio');
    expect(landingFor(me(['host', 'owner']))).toBe('/admin');
    expect(landingFor(me([]))).toBe('/');
  });
});
