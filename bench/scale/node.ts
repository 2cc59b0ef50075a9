/**
 * One hutong node of the scale simulation, in a process of its own, on the shared PostgreSQL and
 * Redis (bus and counters). Its bus and database are wrapped to count what goes through them, and
 * every command its Redis connections send (bus, counters, sessions: ioredis's sendCommand) is
 * counted by name; V
 * virtual viewers join the demo room's hub directly, each a sink that counts the frames and bytes
 * it would write (the kernel's write cost is the fan-out bench's, not this one's). Prints
 * `READY <port>`; answers `{ stats }` over IPC with its counts so far.
 */
import { loadConfig } from '../../src/app/config';
import { createHutong } from '../../src/app/hutong';
import { seedDemo } from '../../src/app/seed-demo';
import { openPostgres } from '../../src/platform/db/db.postgres';
import { migrate } from '../../src/platform/db/migrate';
import { RedisBus } from '../../src/platform/bus/bus.redis';
import type { Bus } from '../../src/platform/bus/bus.port';
import type { Db } from '../../src/platform/db/db.port';
import { Redis } from 'ioredis';

const counts = { busIn: 0, busInBytes: 0, busInState: 0, busInChat: 0, busOut: 0, busOutBytes: 0, dbStatements: 0, dbRows: 0, sinkFrames: 0, sinkBytes: 0, redisCalls: 0 };
/** Redis commands this node sent, by name (a pipeline's or a transaction's commands each count). */
const redisCommands: Record<string, number> = {};

// Every connection of this process (publisher, subscriber, counters, sessions) sends through here,
// pipelines included; patched before any connection is made.
const sendCommand = Redis.prototype.sendCommand;
Redis.prototype.sendCommand = function (this: Redis, command, ...rest) {
  counts.redisCalls++;
  redisCommands[command.name] = (redisCommands[command.name] ?? 0) + 1;
  return sendCommand.call(this, command, ...rest);
} as typeof sendCommand;
const size = (m: unknown) => Buffer.byteLength(JSON.stringify(m));

function countedBus(bus: Bus): Bus {
  return {
    kind: bus.kind,
    publish(topic, message) {
      counts.busOut++;
      counts.busOutBytes += size(message);
      return bus.publish(topic, message);
    },
    subscribe(topic, handler) {
      return bus.subscribe(topic, (message, t) => {
        counts.busIn++;
        counts.busInBytes += size(message);
        // What the room's hubs tell each other: node states (off the bus with Redis counters) and chat relays.
        const k = (message as { k?: unknown } | null)?.k;
        if (k === 'state') counts.busInState++;
        else if (k === 'chat') counts.busInChat++;
        handler(message, t);
      });
    },
    close: () => bus.close(),
  };
}

/** Counts statements that write, and the rows of chat inserts (one array parameter per column). */
function countedDb(db: Db): Db {
  const count = (sql: string, params?: readonly unknown[]) => {
    if (!/^\s*(INSERT|UPDATE|DELETE)/i.test(sql)) return;
    counts.dbStatements++;
    counts.dbRows += sql.includes('INTO chat_messages') && Array.isArray(params?.[1]) ? (params[1] as unknown[]).length : 1;
  };
  return {
    kind: db.kind,
    query(sql, params) {
      count(sql, params);
      return db.query(sql, params);
    },
    transaction: (fn) => db.transaction((tx) => fn({ query: (sql, params) => (count(sql, params), tx.query(sql, params)) })),
    ping: () => db.ping(),
    close: () => db.close(),
  };
}

const env = process.env;
const db = countedDb(await openPostgres({ url: env.SCALE_DATABASE_URL! }));
if (env.SCALE_SEED === '1') await migrate(db);
const config = loadConfig({
  HUTONG_LOG_LEVEL: 'warn',
  HUTONG_SECRET: 'scale-secret-scale-secret-scale-secret',
  HUTONG_STREAM_KEY_SECRET: 'ab'.repeat(32),
  HUTONG_DATABASE_URL: env.SCALE_DATABASE_URL,
  HUTONG_BUS: 'redis',
  HUTONG_REDIS_URL: env.SCALE_REDIS_URL,
  HUTONG_COUNTERS: 'redis',
  HUTONG_FFMPEG: 'off',
  HUTONG_RTMP_PORT: '19351',
});
const hutong = await createHutong(config, { db, bus: countedBus(await RedisBus.connect(env.SCALE_REDIS_URL!)) });
if (env.SCALE_SEED === '1') await seedDemo(hutong);
await hutong.http.listen({ port: 0, host: '127.0.0.1' });
const room = await hutong.rooms.bySlug('demo');
const hub = await hutong.realtime.hubs.get(room);

/** A socket that writes nowhere: it counts what the hub would have written to the kernel. */
const sink = () => ({
  OPEN: 1,
  readyState: 1,
  bufferedAmount: 0,
  _sender: { _state: 0, _queue: [] },
  _socket: { write: (b: Buffer) => ((counts.sinkFrames++, (counts.sinkBytes += b.length)), true) },
  send: (d: string | Buffer) => ((counts.sinkFrames++, (counts.sinkBytes += Buffer.byteLength(d))), undefined),
  close() {},
  terminate() {},
});
const node = env.SCALE_NODE ?? '0';
for (let i = 0; i < Number(env.SCALE_VIEWERS ?? 0); i++) {
  hub.join({ ws: sink() as never, viewer: { id: `a:sink-${node}-${i}`, name: 'v', role: 'viewer' }, privileged: false });
}

process.on('message', (m: { stats?: boolean }) => {
  if (!m.stats) return;
  const cpu = process.cpuUsage();
  const mem = process.memoryUsage();
  process.send!({ ...counts, redisCommands, cpuMicros: cpu.user + cpu.system, heap: mem.heapUsed, rss: mem.rss, totals: hub.chatTotals(), at: performance.now() });
});
console.log(`READY ${(hutong.http.server.address() as { port: number }).port}`);
