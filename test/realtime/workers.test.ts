import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/net';
import { runHutong, until } from '../support/hutong-process';
import { serviceUrl } from '../support/services';
import { createTestDatabase } from '../support/postgres';
import { TestViewer } from './socket-client';

/**
 * One node as DESIGN.md §6 runs it for 20,000 viewers: HUTONG_WORKERS=2 behind one port, the
 * workers sharing a room over the IPC bus, no Redis (each worker counts its share of likes and
 * views; the hubs add the shares up).
 */
const adminUrl = serviceUrl('HUTONG_TEST_DATABASE_URL', 'PostgreSQL');


describe.skipIf(!adminUrl)('a room across the workers of one node', () => {
  let drop: (() => Promise<void>) | undefined;
  const viewers: TestViewer[] = [];
  afterAll(async () => {
    await Promise.all(viewers.map((v) => v.close()));
    await drop?.();
  });

  it('shares chat, online and likes between two workers on one port', async () => {
    const database = await createTestDatabase(adminUrl!, { migrated: true });
    drop = database.drop;
    const port = await freePort();
    const { child: primary, output, exited } = runHutong(['serve'], {
      HUTONG_WORKERS: '2',
      HUTONG_DATABASE_URL: database.url,
      HUTONG_PORT: String(port),
      HUTONG_RTMP_PORT: String(await freePort()),
      HUTONG_FFMPEG: 'off',
      HUTONG_SECRET: 'q'.repeat(40),
      HUTONG_STREAM_KEY_SECRET: 'd'.repeat(64),
    });
    try {
      await until(() => output().includes('is up in'), 'start-up', 150_000); // 40–80 s cold at load 30
      expect(output()).toContain('2 workers');

      // Cluster hands connections to the listening workers in turn; the second may still be starting,
      // so join until six viewers are in and both workers hold some.
      while (viewers.length < 6 || new Set(viewers.map((v) => v.hello.epoch)).size < 2) {
        if (viewers.length >= 30) throw new Error('every viewer landed on one worker');
        const v = await TestViewer.connect(`http://127.0.0.1:${port}`, 'demo');
        await v.waitFor((f) => f.t === 'hello');
        viewers.push(v);
        if (viewers.length >= 6) await new Promise((r) => setTimeout(r, 200));
      }
      const n = viewers.length;

      viewers[0]!.chat('hello from one worker');
      for (const v of viewers) await v.waitFor((f) => f.t === 'batch' && f.chat.some((m) => m.text === 'hello from one worker'), 8000);

      viewers.forEach((v, i) => v.send({ t: 'like', n: i + 1 })); // n(n+1)/2 in all, on both workers
      const likes = (n * (n + 1)) / 2;
      for (const v of viewers) await v.waitForCounts((c) => c.online === n && c.likes === likes && c.views === n, 8000);

      primary.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      primary.kill('SIGKILL');
    }
  }, 240_000); // a cluster's start-up (tsx compiling two workers) takes 30–80 s on a loaded 2-core machine
});
