import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { loadConfig } from '../../src/app/config';
import { createHutong, type Hutong } from '../../src/app/hutong';
import { seedDemo, demoAccounts } from '../../src/app/seed-demo';
import { openPostgres } from '../../src/platform/db/db.postgres';
import { migrate } from '../../src/platform/db/migrate';
import type { Bus } from '../../src/platform/bus/bus.port';
import type { Db } from '../../src/platform/db/db.port';
import { RedisBus } from '../../src/platform/bus/bus.redis';
import { NatsBus } from '../../src/platform/bus/bus.nats';
import { RedisCounters } from '../../src/platform/counters/counters.redis';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { serviceUrl } from '../support/services';
import { ApiClient } from '../support/http';
import { TestViewer } from './socket-client';
import { until } from '../support/hutong-process';

/**
 * Two hutong nodes in one test process, sharing one PostgreSQL database, a bus (Redis, then NATS)
 * and Redis counters: a room spans both. Each node has its own connections, as on two machines.
 */
const pgUrl = serviceUrl('HUTONG_TEST_DATABASE_URL', 'PostgreSQL');
const redisUrl = serviceUrl('HUTONG_TEST_REDIS_URL', 'Redis');
const natsUrl = serviceUrl('HUTONG_TEST_NATS_URL', 'NATS');
const quiet = new Writable({ write: (_c, _e, done) => done() });

/** A node's database whose chat inserts can be held back, as a database under load would. */
function withSlowChatInserts(db: Db) {
  const slow = { ms: 0 };
  const wrapped: Db = {
    kind: db.kind,
    transaction: (fn) => db.transaction(fn),
    ping: () => db.ping(),
    close: () => db.close(),
    async query(sql, params) {
      if (slow.ms && sql.startsWith('INSERT INTO chat_messages')) await new Promise((r) => setTimeout(r, slow.ms));
      return db.query(sql, params);
    },
  };
  return { db: wrapped, slow };
}

function describeTwoNodes(name: string, openBus: (() => Promise<Bus>) | undefined) {
  describe.skipIf(!pgUrl || !redisUrl || !openBus)(`two nodes on ${name}`, () => {
    let database: TestDatabase;
    const nodes: { hutong: Hutong; url: string; slow: { ms: number } }[] = [];
    const viewers: TestViewer[] = [];

    beforeAll(async () => {
      database = await createTestDatabase(pgUrl!);
      const prefix = `hutong-test-${randomBytes(6).toString('hex')}:`;
      const env = { HUTONG_LOG_LEVEL: 'silent', HUTONG_SECRET: 's'.repeat(40), HUTONG_STREAM_KEY_SECRET: 'c'.repeat(64), HUTONG_DATABASE_URL: database.url };
      for (let i = 0; i < 2; i++) {
        const { db, slow } = withSlowChatInserts(await openPostgres({ url: database.url }));
        await migrate(db);
        const hutong = await createHutong(loadConfig(env), {
          db,
          bus: await openBus!(),
          counters: await RedisCounters.connect(redisUrl!, prefix),
          logStream: quiet,
          webDistDir: inject('webDistDir'),
        });
        if (i === 0) await seedDemo(hutong);
        nodes.push({ hutong, url: await hutong.http.listen({ port: 0, host: '127.0.0.1' }), slow });
      }
    });

    afterAll(async () => {
      await Promise.all(viewers.map((v) => v.close()));
      for (const n of nodes) {
        const counters = n.hutong.counters;
        await n.hutong.close();
        await counters.close();
      }
      await database?.drop();
    });

    const join = async (node: number, query?: Record<string, string>) => {
      const v = await TestViewer.connect(nodes[node]!.url, 'demo', { query });
      viewers.push(v);
      await v.waitFor((f) => f.t === 'hello');
      return v;
    };

    it('a viewer on node A sees chat sent on node B, and the sender on B sees A’s', async () => {
      const a = await join(0);
      const b = await join(1);
      b.chat('from B');
      await a.waitFor((f) => f.t === 'batch' && f.chat.some((m) => m.text === 'from B'), 8000);
      a.chat('from A');
      await b.waitFor((f) => f.t === 'batch' && f.chat.some((m) => m.text === 'from A'), 8000);
    });

    it('online is the sum over nodes, and likes are one total', async () => {
      const a = await join(0);
      const b = await join(1);
      const open = () => viewers.filter((v) => v.ws.readyState === v.ws.OPEN).length;
      await a.waitForCounts((c) => c.online === open(), 8000);
      await b.waitForCounts((c) => c.online === open(), 8000);
      const start = Math.max(a.frames.at(-1)!.t === 'batch' ? (a.frames.at(-1) as { counts: { likes: number } }).counts.likes : 0, 0);
      a.send({ t: 'like', n: 10 });
      b.send({ t: 'like', n: 5 });
      await a.waitForCounts((c) => c.likes === start + 15, 8000);
      await b.waitForCounts((c) => c.likes === start + 15, 8000);
      await b.close();
      await a.waitForCounts((c) => c.online === open(), 8000);
    });

    it('a delete on node B removes the message on node A', async () => {
      const a = await join(0);
      const sender = await join(0);
      sender.chat('remove me everywhere');
      const f = await a.waitFor((x) => x.t === 'batch' && x.chat.some((m) => m.text === 'remove me everywhere'), 8000);
      const id = f.t === 'batch' ? f.chat.find((m) => m.text === 'remove me everywhere')!.id : '';
      const host = new ApiClient(nodes[1]!.url);
      await host.login(demoAccounts.host.email, demoAccounts.password);
      expect((await host.delete(`/api/v1/rooms/demo/chat/${id}`)).status).toBe(200);
      await a.waitFor((x) => x.t === 'batch' && x.deleted.includes(id), 8000);
    });

    it('a delete on node B for a message node A has not stored yet removes it everywhere and stores it deleted', async () => {
      const onA = await join(0);
      const sender = await join(0);
      const onB = await join(1);
      nodes[0]!.slow.ms = 1500; // node A's database is slow: the message is stored 1.5 s late
      try {
        const ref = sender.chat('deleted before it was stored');
        const ack = await sender.waitFor((x) => x.t === 'ack' && x.ref === ref);
        const id = ack.t === 'ack' ? ack.message.id : '';
        const host = new ApiClient(nodes[1]!.url);
        await host.login(demoAccounts.host.email, demoAccounts.password);
        expect((await host.delete(`/api/v1/rooms/demo/chat/${id}`)).status).toBe(200);
        for (const v of [onA, onB]) await v.waitFor((x) => x.t === 'batch' && x.deleted.includes(id), 8000);
        // Once node A has stored it, it is stored as deleted: history says so, a fresh snapshot leaves it out.
        await until(async () => (await host.get('/api/v1/rooms/demo/chat?limit=50')).body.messages.some((m: { id: string }) => m.id === id), 'the message to be stored', 10_000);
        const history = await host.get('/api/v1/rooms/demo/chat?limit=50');
        expect(history.body.messages.find((m: { id: string }) => m.id === id)).toMatchObject({ deleted: true });
      } finally {
        nodes[0]!.slow.ms = 0;
      }
    });

    it('a viewer moving to the other node stays the same viewer (shared secret) and is not a new view', async () => {
      const hubOf = async (node: number) => {
        const { hutong } = nodes[node]!;
        return (await hutong.realtime.hubs.peek((await hutong.rooms.bySlug('demo')).id))!;
      };
      const a = await join(0);
      const onA = await hubOf(0);
      await onA.settleNow(); // a's view is counted
      const views = onA.counts().views;
      const key = a.hello.viewerKey!;
      await a.close();
      const moved = await join(1, { viewerKey: key });
      expect(moved.hello.viewer.id).toBe(a.hello.viewer.id);
      expect(moved.hello.resumed).toBe(false);
      const onB = await hubOf(1);
      await onB.settleNow(); // its join on B is settled: within the view window, the same view
      expect(onB.counts().views).toBe(views);
    });
  });
}

describeTwoNodes('Redis', redisUrl ? () => RedisBus.connect(redisUrl) : undefined);
describeTwoNodes('NATS', natsUrl ? () => NatsBus.connect(natsUrl) : undefined);
