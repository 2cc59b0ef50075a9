import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configVariables, loadConfig } from './config';

describe('config', () => {
  it('has working defaults for the embedded setup', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 8080, bus: { kind: 'memory' }, databaseUrl: undefined, publicUrl: 'http://localhost:8080' });
    expect(c.dataDir).toMatch(/\/data$/);
  });

  it.each([
    [{ HUTONG_PORT: 'eighty' }, 'HUTONG_PORT'],
    [{ HUTONG_PORT: '70000' }, 'HUTONG_PORT'],
    [{ HUTONG_BUS: 'kafka' }, 'HUTONG_BUS'],
    [{ HUTONG_BUS: 'redis' }, 'HUTONG_REDIS_URL'],
    [{ HUTONG_BUS: 'nats', HUTONG_NATS_URL: 'http://x' }, 'HUTONG_NATS_URL'],
    [{ HUTONG_DATABASE_URL: 'mysql://x' }, 'HUTONG_DATABASE_URL'],
    [{ HUTONG_PUBLIC_URL: 'not a url' }, 'HUTONG_PUBLIC_URL'],
    [{ HUTONG_LOG_LEVEL: 'loud' }, 'HUTONG_LOG_LEVEL'],
    [{ HUTONG_SEED_DEMO: 'maybe' }, 'HUTONG_SEED_DEMO'],
    [{ HUTONG_WORKERS: '2' }, 'HUTONG_WORKERS'],
    [{ HUTONG_WORKERS: '0', HUTONG_DATABASE_URL: 'postgres://db/h' }, 'HUTONG_WORKERS'],
  ])('refuses %o naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(new RegExp(`^invalid configuration:\\n  ${variable}: `));
  });

  it('takes the bus URLs and trims the public URL', () => {
    const c = loadConfig({ HUTONG_BUS: 'redis', HUTONG_REDIS_URL: 'redis://127.0.0.1:6379', HUTONG_PUBLIC_URL: 'https://live.example/' });
    expect(c.bus).toEqual({ kind: 'redis', url: 'redis://127.0.0.1:6379' });
    expect(c.publicUrl).toBe('https://live.example');
  });

  it('documents every variable in docs/config.md, and nothing else', () => {
    const doc = readFileSync(new URL('../../docs/config.md', import.meta.url), 'utf8');
    const documented = [...doc.matchAll(/^\| `(HUTONG_[A-Z_]+)`/gm)].map((m) => m[1]).sort();
    expect(documented).toEqual(configVariables().sort());
  });
});
