import type { Db } from '../platform/db/db.port';
import { openPglite } from '../platform/db/db.pglite';
import { openPostgres } from '../platform/db/db.postgres';
import { migrate } from '../platform/db/migrate';
import type { Bus } from '../platform/bus/bus.port';
import { MemoryBus } from '../platform/bus/bus.memory';
import { RedisBus } from '../platform/bus/bus.redis';
import { NatsBus } from '../platform/bus/bus.nats';
import type { Counters } from '../platform/counters/counters.port';
import { MemoryCounters } from '../platform/counters/counters.memory';
import { RedisCounters } from '../platform/counters/counters.redis';
import { Redis } from 'ioredis';
import type { StockGate } from '../platform/gate/gate.port';
import { MemoryGate } from '../platform/gate/gate.memory';
import { RedisGate } from '../platform/gate/gate.redis';
import { liveRedisOptions } from '../platform/redis-options';
import type { Config } from './config';

/** PostgreSQL when a URL is configured, else PGlite under the data dir; migrated either way. */
export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Db> {
  const db = config.databaseUrl
    ? await openPostgres({ url: config.databaseUrl })
    : await openPglite({ dataDir: `${config.dataDir}/pglite` });
  try {
    await migrate(db);
    return db;
  } catch (err) {
    await db.close();
    throw err;
  }
}

/** Likes, views, unique viewers and PCU of the live rooms: Redis when configured (shared by nodes), else in-process. */
export async function openCounters(counters: Config['realtime']['counters'], commandTimeoutMs: number): Promise<Counters> {
  return counters.kind === 'redis' ? RedisCounters.connect(counters.url, undefined, commandTimeoutMs) : new MemoryCounters();
}

/** Where login limits are counted when every node must share them: a Redis connection, else none (per process). */
export async function openRateLimitStore(url: string | undefined, commandTimeoutMs: number): Promise<Redis | undefined> {
  if (!url) return undefined;
  const redis = new Redis(url, { lazyConnect: true, ...liveRedisOptions(commandTimeoutMs) });
  // Without a listener ioredis prints every reconnect attempt; the limiter goes through while Redis is away (docs/config.md).
  redis.on('error', () => {});
  await redis.connect();
  return redis;
}

export async function openBus(bus: Config['bus'], commandTimeoutMs: number): Promise<Bus> {
  switch (bus.kind) {
    case 'memory':
      return new MemoryBus();
    case 'redis':
      return RedisBus.connect(bus.url, { commandTimeoutMs });
    case 'nats':
      return NatsBus.connect(bus.url, { commandTimeoutMs });
  }
}

/** The flash-sale stock gate: one Redis shared by every node when configured, else in this process. */
export async function openGate(gate: Config['sales']['gate'], commandTimeoutMs: number): Promise<StockGate> {
  return gate.kind === 'redis' ? RedisGate.connect(gate.url, undefined, commandTimeoutMs) : new MemoryGate();
}
