import { execFileSync, spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from './support/net';
import { serviceUrl } from './support/services';
import { createTestDatabase } from './support/postgres';

/** HUTONG_WORKERS=2 on PostgreSQL: one primary, two serving workers, a dead worker replaced. */
const adminUrl = serviceUrl('HUTONG_TEST_DATABASE_URL', 'PostgreSQL');
const bin = new URL('../bin/hutong.js', import.meta.url).pathname;


const workerPids = (primary: number): number[] => {
  try {
    return execFileSync('pgrep', ['-P', String(primary), '-f', 'hutong.js'], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
  } catch {
    return []; // pgrep exits 1 when there are none (tsx's esbuild helper is a child too, hence -f)
  }
};

async function until<T>(probe: () => T | undefined | false | Promise<T | false>, what: string, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(!adminUrl)('a cluster of workers', () => {
  let drop: (() => Promise<void>) | undefined;
  afterAll(async () => drop?.());

  it('serves from two workers on one port, replaces a dead one, and stops cleanly', async () => {
    const database = await createTestDatabase(adminUrl!);
    drop = database.drop;
    const port = await freePort();
    const primary = spawn(process.execPath, [bin, 'serve'], {
      env: { ...process.env, HUTONG_WORKERS: '2', HUTONG_DATABASE_URL: database.url, HUTONG_PORT: String(port), HUTONG_LOG_LEVEL: 'warn', HUTONG_RTMP_PORT: String(await freePort()) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    primary.stdout.on('data', (d) => (output += d));
    primary.stderr.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => primary.on('exit', resolve));
    try {
      await until(() => output.includes('is up in'), 'start-up');
      expect(output).toContain('2 workers');
      const first = workerPids(primary.pid!);
      expect(first).toHaveLength(2);
      const rooms = await Promise.all(Array.from({ length: 20 }, () => fetch(`http://127.0.0.1:${port}/api/v1/rooms/demo`)));
      expect(rooms.every((r) => r.status === 200)).toBe(true);

      process.kill(first[0]!, 'SIGKILL');
      const replaced = await until(() => {
        const now = workerPids(primary.pid!);
        return now.length === 2 && !now.includes(first[0]!) && now;
      }, 'a replacement worker');
      expect(replaced).toContain(first[1]);
      await until(async () => (await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined))?.status === 200, 'readiness');

      primary.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(workerPids(primary.pid!)).toEqual([]);
    } finally {
      primary.kill('SIGKILL');
    }
  });
});
