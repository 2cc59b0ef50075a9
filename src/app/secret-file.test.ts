import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { secretFromConfigOrFile, type SecretSource } from './secret-file';

describe('a server secret from config or a file', () => {
  const root = mkdtempSync(join(tmpdir(), 'hutong-secret-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  let dirs = 0;
  const hexKey = (over: Partial<SecretSource<Buffer>> = {}) =>
    secretFromConfigOrFile<Buffer>({
      configured: undefined, dataDir: join(root, `d${dirs}`), file: 'key.secret', bytes: 32, encoding: 'hex',
      parse: (text) => (/^[0-9a-f]{64}$/.test(text) ? Buffer.from(text, 'hex') : undefined), shape: '64 hex digits', ...over,
    });

  it('creates the file once (mode 0600), and every later reader gets the same value', () => {
    dirs++;
    const first = hexKey()();
    const path = join(root, `d${dirs}`, 'key.secret');
    expect(first).toHaveLength(32);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8').trim()).toBe(first.toString('hex'));
    expect(hexKey()()).toEqual(first);
  });

  it('takes the configured value without touching the data dir', () => {
    dirs++;
    const configured = 'ab'.repeat(32);
    expect(hexKey({ configured })().toString('hex')).toBe(configured);
    expect(() => statSync(join(root, `d${dirs}`))).toThrow();
  });

  it('refuses a file that does not hold what it must, naming it', () => {
    dirs++;
    hexKey()();
    writeFileSync(join(root, `d${dirs}`, 'key.secret'), 'not hex\n');
    expect(() => hexKey()()).toThrow(/key\.secret: must hold 64 hex digits/);
  });
});
