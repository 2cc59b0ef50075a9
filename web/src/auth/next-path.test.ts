import { describe, expect, it } from 'vitest';
import { safeNextPath } from './next-path';

describe('safeNextPath', () => {
  it('keeps a path on this site', () => {
    expect(safeNextPath('/admin/members?x=1')).toBe('/admin/members?x=1');
  });

  it('refuses other sites and falls back to home', () => {
    for (const raw of [null, '', 'https://evil.example/', '//evil.example/', '/\\evil.example', 'admin']) {
      expect(safeNextPath(raw)).toBe('/');
    }
  });

  it('does not come back to the login or signup page', () => {
    expect(safeNextPath('/login?next=/admin')).toBe('/');
    expect(safeNextPath('/signup')).toBe('/');
  });
});
