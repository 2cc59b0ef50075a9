import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorCatalogue } from './errors';

describe('the error catalogue', () => {
  it('is documented in docs/errors.md with the same statuses, and nothing else', () => {
    const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
    const documented = Object.fromEntries(
      [...doc.matchAll(/^\| `([A-Z_]+)` \| (\d{3}) \|/gm)].map((m) => [m[1], Number(m[2])]),
    );
    const catalogue = Object.fromEntries(Object.entries(errorCatalogue).map(([code, e]) => [code, e.status]));
    expect(documented).toEqual(catalogue);
  });

  it('names codes CONTEXT_WHAT', () => {
    for (const code of Object.keys(errorCatalogue)) expect(code).toMatch(/^(HTTP|IDENTITY|CATALOG|LIVE|MEDIA|REALTIME|SALES|LINKS|SHARES|GIFTS|ANALYTICS|WEBHOOKS|EMBED|STREAM)_[A-Z_]+$/);
  });
});
