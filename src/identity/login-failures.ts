import type { Clock } from '../kernel/clock';

/**
 * Failed logins counted per key within a window; a successful login gives its attempt back, so an
 * owner who logs in often never locks themself out. An attempt is taken *before* the password is
 * checked and given back on success: a burst of concurrent guesses cannot all pass a count read
 * before any of them failed. Keys: per address and email (a guesser cannot lock out an account from
 * elsewhere) and per address across emails (one client cannot spray many accounts).
 */
export interface LoginFailures {
  /** One more attempt under `key` (the window starts at the first); answers the attempts so far. */
  take(key: string, windowMs: number): Promise<number>;
  /** The attempt succeeded: it does not count. */
  giveBack(key: string): Promise<void>;
}

/** One process: enough for a single node (several nodes share the Redis store below). */
export function memoryLoginFailures(clock: Clock): LoginFailures {
  const entries = new Map<string, { n: number; until: number }>();
  const live = (key: string) => {
    const e = entries.get(key);
    if (e && e.until <= clock.now().getTime()) entries.delete(key);
    return entries.get(key);
  };
  return {
    async take(key, windowMs) {
      // Bounded: expired entries are swept before the map grows past its cap.
      if (entries.size >= 100_000) for (const k of entries.keys()) live(k);
      const e = live(key) ?? { n: 0, until: clock.now().getTime() + windowMs };
      e.n += 1;
      entries.set(key, e);
      return e.n;
    },
    async giveBack(key) {
      const e = live(key);
      if (e) e.n = Math.max(0, e.n - 1);
    },
  };
}

/** The few Redis commands the shared store needs (an ioredis client has them). */
export interface FailureRedis {
  incr(key: string): Promise<number>;
  decr(key: string): Promise<number>;
  pexpire(key: string, ms: number): Promise<number>;
}

/** Shared by every node: INCR, with the window set on the first attempt. */
export function redisLoginFailures(redis: FailureRedis, prefix = 'hutong-login-failures:'): LoginFailures {
  return {
    async take(key, windowMs) {
      const n = await redis.incr(prefix + key);
      if (n === 1) await redis.pexpire(prefix + key, windowMs);
      return n;
    },
    async giveBack(key) {
      await redis.decr(prefix + key);
    },
  };
}
