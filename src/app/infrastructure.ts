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
export async function openCounters(counters: Config['realtime']['counters']): Promise<Counters> {
  return counters.kind === 'redis' ? RedisCounters.connect(counters.url) : new MemoryCounters();
}

/** Where login limits are counted when every node must share them: a Redis connection, else none (per process). */
export function openRateLimitStore(url: string | undefined): Redis | undefined {
  return url ? new Redis(url, { maxRetriesPerRequest: 1 }) : undefined;
}

export async function openBus(bus: Config['bus']): Promise<Bus> {
  switch (bus.kind) {
    case 'memory':
      return new MemoryBus();
    case 'redis':
      return RedisBus.connect(bus.url);
    case 'nats':
      return NatsBus.connect(bus.url);
  }
}
