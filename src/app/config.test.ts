import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configVariables, loadConfig } from './config';

const sharedSecrets = { HUTONG_SECRET: 's'.repeat(32), HUTONG_STREAM_KEY_SECRET: 'a'.repeat(64) };

describe('config', () => {
  it('refuses PostgreSQL or a networked bus without both shared secrets, naming both', () => {
    expect(() => loadConfig({ HUTONG_BUS: 'redis', HUTONG_REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(/HUTONG_SECRET and HUTONG_STREAM_KEY_SECRET must both be set/);
    expect(loadConfig({ HUTONG_DATABASE_URL: 'postgres://db/h', ...sharedSecrets }).databaseUrl).toBe('postgres://db/h');
  });

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
    [{ HUTONG_WORKERS: '0', HUTONG_DATABASE_URL: 'postgres://db/h', ...sharedSecrets }, 'HUTONG_WORKERS'],
    [{ HUTONG_DATABASE_URL: 'postgres://db/h' }, 'HUTONG_SECRET'],
    [{ HUTONG_DATABASE_URL: 'postgres://db/h', HUTONG_SECRET: 's'.repeat(32) }, 'HUTONG_STREAM_KEY_SECRET'],
    [{ HUTONG_BUS: 'nats', HUTONG_NATS_URL: 'nats://127.0.0.1:4222', HUTONG_STREAM_KEY_SECRET: 'a'.repeat(64) }, 'HUTONG_SECRET'],
    [{ HUTONG_ROOM_TICK_MS: '150', HUTONG_ROOM_MAX_TICK_MS: '120' }, 'HUTONG_ROOM_MAX_TICK_MS'],
    [{ HUTONG_ROOM_SEND_BUFFER_BYTES: 'lots' }, 'HUTONG_ROOM_SEND_BUFFER_BYTES'],
  ])('refuses %o naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(new RegExp(`^invalid configuration:\\n  ${variable}: `));
  });

  it('has the room hubs\' tuning numbers, with their documented defaults', () => {
    expect(loadConfig({}).realtime.tuning).toEqual({
      tickMs: 100, maxTickMs: 200, laneSockets: 2000, writeBudget: 15_000, writeHoldMs: 0, countsMs: 1000, writeChunk: 2000, maxBufferedBytes: 262_144, slowCloseMs: 5000,
      resumeFrames: 600, recentMessages: 50, viewWindowMs: 60_000, peerTimeoutMs: 6000, settleTimeoutMs: 1000, idleCloseMs: 30_000,
      chatStorePerSecond: 100, chatStoreBacklog: 20_000, chatStoreLingerMs: 1000,
    });
    expect(loadConfig({ HUTONG_ROOM_TICK_MS: '50' }).realtime.tuning.tickMs).toBe(50);
    expect(loadConfig({ HUTONG_ROOM_WRITE_BUDGET: '0' }).realtime.tuning.writeBudget).toBe(0);
  });

  it('takes the bus URLs and trims the public URL', () => {
    const c = loadConfig({ HUTONG_BUS: 'redis', HUTONG_REDIS_URL: 'redis://127.0.0.1:6379', HUTONG_PUBLIC_URL: 'https://live.example/', ...sharedSecrets });
    expect(c.bus).toEqual({ kind: 'redis', url: 'redis://127.0.0.1:6379' });
    expect(c.publicUrl).toBe('https://live.example');
  });

  it('documents every variable in docs/config.md, and nothing else', () => {
    const doc = readFileSync(new URL('../../docs/config.md', import.meta.url), 'utf8');
    const documented = [...doc.matchAll(/^\| `(HUTONG_[A-Z_]+)`/gm)].map((m) => m[1]).sort();
    expect(documented).toEqual(configVariables().sort());
  });
});
