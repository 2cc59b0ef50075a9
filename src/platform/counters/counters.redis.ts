import { Redis } from 'ioredis';
import type { Counters } from './counters.port';

/** Redis counters, shared by every node: INCRBY, a Lua max, PFADD/PFCOUNT, SET PX. */
export class RedisCounters implements Counters {
  readonly kind = 'redis' as const;

  private constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  /** `prefix` namespaces every key (tests use a random one). */
  static async connect(url: string, prefix = 'hutong:'): Promise<RedisCounters> {
    const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
    await redis.connect();
    redis.defineCommand('hutongMax', {
      numberOfKeys: 1,
      lua: `local v = tonumber(redis.call('GET', KEYS[1]) or '0')
            local n = tonumber(ARGV[1])
            if n > v then redis.call('SET', KEYS[1], ARGV[1]) return n end
            return v`,
    });
    return new RedisCounters(redis, prefix);
  }

  async incr(key: string, by: number): Promise<number> {
    return this.redis.incrby(this.prefix + key, by);
  }

  async max(key: string, value: number): Promise<number> {
    return Number(await (this.redis as Redis & { hutongMax(k: string, v: number): Promise<number> }).hutongMax(this.prefix + key, value));
  }

  async addUnique(key: string, member: string): Promise<number> {
    const [, [, n] = []] = (await this.redis.multi().pfadd(this.prefix + key, member).pfcount(this.prefix + key).exec()) ?? [];
    return Number(n ?? 0);
  }

  async countUnique(key: string): Promise<number> {
    return this.redis.pfcount(this.prefix + key);
  }

  async mark(key: string, ttlMs: number): Promise<boolean> {
    // SET ... GET answers the previous value in the same atomic step (Redis ≥ 6.2).
    const old = await this.redis.set(this.prefix + key, '1', 'PX', ttlMs, 'GET');
    return old === null;
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
