import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { webBuildIsCurrent } from './web-build';

describe('the web build on start', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hutong-web-build-'));

  it('is missing until there is an index.html', () => {
    expect(webBuildIsCurrent(dir)).toBe(false);
  });

  it('is current when made after every source, stale when a source changed since', () => {
    writeFileSync(join(dir, 'index.html'), '<!doctype html>');
    expect(webBuildIsCurrent(dir)).toBe(true);
    utimesSync(join(dir, 'index.html'), new Date('2001-01-01'), new Date('2001-01-01'));
    expect(webBuildIsCurrent(dir)).toBe(false);
  });
});
