import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from './support/net';
import { runHutong, until } from './support/hutong-process';
import { serviceUrl } from './support/services';
import { createTestDatabase } from './support/postgres';

/** HUTONG_WORKERS=2 on PostgreSQL: one primary, two serving workers, a dead worker replaced. */
const adminUrl = serviceUrl('HUTONG_TEST_DATABASE_URL', 'PostgreSQL');

const workerPids = (primary: number): number[] => {
  try {
    return execFileSync('pgrep', ['-P', String(primary), '-f', 'hutong.js'], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
  } catch {
    return []; // pgrep exits 1 when there are none (tsx's esbuild helper is a child too, hence -f)
  }
};

describe.skipIf(!adminUrl)('a cluster of workers', () => {
  let drop: (() => Promise<void>) | undefined;
  afterAll(async () => drop?.());

  it('serves from two workers on one port, replaces a dead one, and stops cleanly', async () => {
    const database = await createTestDatabase(adminUrl!);
    drop = database.drop;
    const port = await freePort();
    const { child: primary, output, exited } = runHutong(['serve'], {
      HUTONG_WORKERS: '2', HUTONG_DATABASE_URL: database.url, HUTONG_PORT: String(port), HUTONG_RTMP_PORT: String(await freePort()),
    });
    try {
      await until(() => output().includes('is up in'), 'start-up');
      expect(output()).toContain('2 workers');
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
