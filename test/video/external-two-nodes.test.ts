import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/app/config';
import { createHutong, type Hutong } from '../../src/app/hutong';
import { demoAccounts, seedDemo } from '../../src/app/seed-demo';
import { openPostgres } from '../../src/platform/db/db.postgres';
import { migrate } from '../../src/platform/db/migrate';
import { RedisBus } from '../../src/platform/bus/bus.redis';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { serviceUrl } from '../support/services';
import { ApiClient } from '../support/http';
import { until } from '../support/hutong-process';

/**
 * External ingest on two nodes sharing PostgreSQL and a Redis bus, each with its own connections
 * and memory, as two machines behind one load balancer: nginx-rtmp's on_publish reaches node A,
 * its on_publish_done node B. Both answer the same ingest state, and the show still ends after the
 * grace period (and on A, which followed the stream). No ffmpeg: nothing is pulled.
 */
const pgUrl = serviceUrl('HUTONG_TEST_DATABASE_URL', 'PostgreSQL');
const redisUrl = serviceUrl('HUTONG_TEST_REDIS_URL', 'Redis');
const quiet = new Writable({ write: (_c, _e, done) => done() });

describe.skipIf(!pgUrl || !redisUrl)('external ingest on two nodes: the publish state lives in the database', () => {
  let database: TestDatabase;
  const nodes: { hutong: Hutong; url: string }[] = [];
  let owner: ApiClient;
  let roomPath: string;
  let streamKey: string;

  const hook = (node: number, which: 'publish' | 'publish-done', name: string) =>
    fetch(`${nodes[node]!.url}/api/v1/media/hooks/nginx/${which}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ app: 'live', name, call: which === 'publish' ? 'publish' : 'publish_done' }).toString(),
    });
  const ingestOn = async (node: number) => {
    const client = new ApiClient(nodes[node]!.url);
    await client.login(demoAccounts.owner.email, demoAccounts.password);
    return (await client.get(`${roomPath}/ingest`)).body.ingest.state as string;
  };
  const liveShow = async (node: number) => (await new ApiClient(nodes[node]!.url).get('/api/v1/rooms/demo/playback')).body.playback;

  beforeAll(async () => {
    database = await createTestDatabase(pgUrl!, { migrated: true });
    const env = {
      HUTONG_LOG_LEVEL: 'silent',
      HUTONG_SECRET: 's'.repeat(40),
      HUTONG_STREAM_KEY_SECRET: 'c'.repeat(64),
      HUTONG_DATABASE_URL: database.url,
      HUTONG_INGEST: 'external',
      HUTONG_EXTERNAL_RTMP_URL: 'rtmp://127.0.0.1:1/live',
      HUTONG_FFMPEG: 'off',
      HUTONG_SHOW_END_GRACE_SECONDS: '1',
    };
    for (let i = 0; i < 2; i++) {
      const db = await openPostgres({ url: database.url });
      await migrate(db);
      const hutong = await createHutong(loadConfig(env), { db, bus: await RedisBus.connect(redisUrl!), logStream: quiet, webDistDir: inject('webDistDir') });
      if (i === 0) await seedDemo(hutong);
      await hutong.video.listen();
      nodes.push({ hutong, url: await hutong.http.listen({ port: 0, host: '127.0.0.1' }) });
    }
    owner = new ApiClient(nodes[0]!.url);
    await owner.login(demoAccounts.owner.email, demoAccounts.password);
    const shopId = (await owner.get('/api/v1/me')).body.memberships[0].shop.id;
    const roomId = (await nodes[0]!.hutong.rooms.bySlug('demo')).id;
    roomPath = `/api/v1/shops/${shopId}/rooms/${roomId}`;
    streamKey = (await owner.get(`${roomPath}/stream-key`)).body.streamKey;
  });

  afterAll(async () => {
    for (const n of nodes) await n.hutong.close();
    await database?.drop();
  });

  it('a publish heard on A is publishing on both nodes; its done heard on B ends the show after the grace period, everywhere', async () => {
    expect((await hook(0, 'publish', streamKey)).status).toBe(200);
    expect([await ingestOn(0), await ingestOn(1)]).toEqual(['publishing', 'publishing']);
    const show = (await liveShow(1)).show;
    expect(show.state).toBe('live');

    expect((await hook(1, 'publish-done', streamKey)).status).toBe(200);
    expect([await ingestOn(0), await ingestOn(1)]).toEqual(['reconnecting', 'reconnecting']);
    await until(async () => (await liveShow(0)).live === null, 'the show to end after the grace period', 20_000);
    expect([await ingestOn(0), await ingestOn(1)]).toEqual(['offline', 'offline']);
    // Node A let go of the stream it followed: the next publish there opens a new show.
    expect((await hook(0, 'publish', streamKey)).status).toBe(200);
    const next = (await liveShow(1)).show;
    expect(next.state).toBe('live');
    expect(next.id).not.toBe(show.id);
  });

  it('finds the room of a done by the stream, not the key: rotated mid-show, the show still ends', async () => {
    const { show } = await liveShow(0);
    expect((await owner.post(`${roomPath}/stream-key/rotate`)).status).toBe(200);
    expect((await hook(1, 'publish-done', streamKey)).status).toBe(200);
    await until(async () => (await liveShow(1)).live === null, 'the show to end after the grace period', 20_000);
    expect((await nodes[1]!.hutong.shows.presentedIn((await nodes[1]!.hutong.rooms.bySlug('demo')).id))?.show.id).toBe(show.id);
  });
});
