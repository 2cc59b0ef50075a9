import { execFileSync } from 'node:child_process';
import { get } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { demoAccounts } from '../src/app/seed-demo';
import { ApiClient } from './support/http';
import { ffmpegPath, publishTestPattern } from './video/support';
import { freePort } from './support/net';
import { runHutong, until } from './support/hutong-process';
import { serviceUrl } from './support/services';
import { createTestDatabase } from './support/postgres';

/** HUTONG_WORKERS=2 on PostgreSQL: one primary, two serving workers, a dead worker replaced. */
const adminUrl = serviceUrl('HUTONG_TEST_DATABASE_URL', 'PostgreSQL');
const ffmpeg = ffmpegPath();
/** Every node of a scaled-out hutong shares these (start-up refuses without them). */
const sharedSecrets = { HUTONG_SECRET: 'cluster-secret-cluster-secret-cluster', HUTONG_STREAM_KEY_SECRET: 'f'.repeat(64) };

/** The first bytes of /live/SLUG.flv on a new connection (the cluster hands each to a worker in turn), or the status. */
function flvHead(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = get({ host: '127.0.0.1', port, path: '/live/demo.flv', agent: false }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        return resolve(String(res.statusCode));
      }
      res.once('data', (chunk: Buffer) => {
        resolve(chunk.subarray(0, 3).toString());
        req.destroy();
      });
    });
    req.on('error', reject);
  });
}

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

  // Real processes: a cold start of a primary and two workers takes over a minute at load 30.
  it('serves from two workers on one port, replaces a dead one, and stops cleanly', { timeout: 300_000 }, async () => {
    const database = await createTestDatabase(adminUrl!);
    drop = database.drop;
    const port = await freePort();
    const { child: primary, output, exited } = runHutong(['serve'], {
      HUTONG_WORKERS: '2', HUTONG_DATABASE_URL: database.url, HUTONG_PORT: String(port), HUTONG_RTMP_PORT: String(await freePort()), ...sharedSecrets,
    });
    try {
      await until(() => output().includes('is up in'), 'start-up', 200_000); // 40–80 s cold at load 30, 150 s at load 20 with other suites
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

  it.skipIf(!ffmpeg)('plays HTTP-FLV from every worker, whichever of them the encoder reached', { timeout: 300_000 }, async () => {
    const database = await createTestDatabase(adminUrl!);
    const port = await freePort();
    const rtmpPort = await freePort();
    const { child: primary, output, exited } = runHutong(['serve'], {
      HUTONG_WORKERS: '2', HUTONG_DATABASE_URL: database.url, HUTONG_PORT: String(port), HUTONG_RTMP_PORT: String(rtmpPort), HUTONG_FFMPEG: 'off', ...sharedSecrets,
    });
    let encoder: ReturnType<typeof publishTestPattern> | undefined;
    try {
      await until(() => output().includes('is up in'), 'start-up', 200_000); // 40–80 s cold at load 30, 150 s at load 20 with other suites
      const owner = new ApiClient(`http://127.0.0.1:${port}`);
      await owner.login(demoAccounts.owner.email, demoAccounts.password);
      const shopId = (await owner.get('/api/v1/me')).body.memberships[0].shop.id;
      const room = (await owner.get(`/api/v1/shops/${shopId}/rooms`)).body.rooms.find((r: { slug: string }) => r.slug === 'demo');
      const { streamKey } = (await owner.get(`/api/v1/shops/${shopId}/rooms/${room.id}/stream-key`)).body;
      encoder = publishTestPattern(ffmpeg!, `rtmp://127.0.0.1:${rtmpPort}/live/${streamKey}`);
      // Every worker plays it: six new connections in a row play. The cluster hands new connections
      // to whichever worker is free first, mostly in turn, so six land on both workers; the one not
      // holding the stream answers 404 until it has heard the holder's announcement (at most one
      // announcement period after going live, later on a loaded machine). Two in a row were not
      // enough: a busy worker can leave both to the holder.
      const heads = await until(async () => {
        const six = [];
        for (let i = 0; i < 6; i++) six.push(await flvHead(port));
        return six.every((head) => head === 'FLV') && six;
      }, 'every worker to play the stream');
      expect(heads).toEqual(Array(6).fill('FLV'));
    } finally {
      encoder?.kill('SIGKILL');
      primary.kill('SIGTERM');
      await exited;
      await database.drop();
    }
  });
});
