import { Redis } from 'ioredis';
import type { GateKey, GatePool, StockGate, TakeRequest, TakeResult } from './gate.port';
import { liveRedisOptions } from '../redis-options';

// Keys of one pool share a hash tag, so the script's keys sit in one slot of a Redis Cluster.
// meta: units, taken, per, opens, closes; holders: holder → units; taken and refused: holder|key →
// "fp|outcome|ref" for keys that took units and keys that were refused (a resync replaces the first only).

// Validate first, write last (a Redis script is atomic but not rolled back: COMMERCE-NOTES §2).
const TAKE = `
local meta = redis.call('HMGET', KEYS[1], 'units', 'taken', 'per', 'opens', 'closes')
if not meta[1] then return {'unknown'} end
local field = ARGV[1] .. '|' .. ARGV[2]
local seen = redis.call('HGET', KEYS[3], field) or redis.call('HGET', KEYS[4], field)
if seen then
  local fp, outcome, ref = string.match(seen, '^([^|]*)|([^|]*)|(.*)$')
  return {'seen', outcome, ref, fp == ARGV[3] and '1' or '0'}
end
local now = tonumber(ARGV[5])
if now < tonumber(meta[4]) then return {'refused', 'not_open'} end
if now >= tonumber(meta[5]) then return {'refused', 'closed'} end
local n = tonumber(ARGV[4])
if tonumber(meta[2]) + n > tonumber(meta[1]) then
  redis.call('HSET', KEYS[4], field, ARGV[3] .. '|sold_out|')
  return {'refused', 'sold_out'}
end
local held = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')
if held + n > tonumber(meta[3]) then
  redis.call('HSET', KEYS[4], field, ARGV[3] .. '|limit|')
  return {'refused', 'limit'}
end
redis.call('HINCRBY', KEYS[1], 'taken', n)
redis.call('HINCRBY', KEYS[2], ARGV[1], n)
redis.call('HSET', KEYS[3], field, ARGV[3] .. '|taken|' .. ARGV[6])
return {'taken'}`;

const RELEASE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local n = tonumber(ARGV[3])
local taken = tonumber(redis.call('HGET', KEYS[1], 'taken') or '0')
redis.call('HSET', KEYS[1], 'taken', math.max(0, taken - n))
local held = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')
redis.call('HSET', KEYS[2], ARGV[1], math.max(0, held - n))
if ARGV[4] == '1' then redis.call('HDEL', KEYS[3], ARGV[1] .. '|' .. ARGV[2]) end
return 1`;

// ARGV: mode, units, taken, per, opens, closes, ttlMs, holderCount, holder, units, …, key, value, …
const LOAD = `
if ARGV[1] == 'if_absent' and redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
redis.call('HSET', KEYS[1], 'units', ARGV[2], 'taken', ARGV[3], 'per', ARGV[4], 'opens', ARGV[5], 'closes', ARGV[6])
-- Every hash of the pool exists from here on (an empty field no key can name), so all four expire together.
redis.call('HSET', KEYS[2], '', '0')
redis.call('HSET', KEYS[3], '', '')
redis.call('HSET', KEYS[4], '', '')
local holders = tonumber(ARGV[8])
local i = 9
for _ = 1, holders do
  redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1])
  i = i + 2
end
while i < #ARGV do
  redis.call('HSET', KEYS[3], ARGV[i], ARGV[i + 1])
  i = i + 2
end
for k = 1, 4 do redis.call('PEXPIRE', KEYS[k], ARGV[7]) end
return 1`;

/** A pool's keys are kept a day past its window (by this machine's clock), then Redis forgets them. */
const KEEP_AFTER_CLOSE_MS = 86_400_000;

type Keys = [string, string, string, string];
type Scripts = Redis & {
  gateTake(...keysAndArgs: [...Keys, ...(string | number)[]]): Promise<string[]>;
  gateRelease(...keysAndArgs: [...Keys, ...(string | number)[]]): Promise<number>;
  gateLoad(...keysAndArgs: [...Keys, ...(string | number)[]]): Promise<number>;
};

/**
 * The scale-out gate: every node asks one Redis, each attempt is one script call (one round trip).
 * A command fails when it gets no answer within `commandTimeoutMs`, and at once while Redis is
 * disconnected (redis-options.ts): the caller then lets the database decide alone. After a restart
 * Redis has forgotten the scripts; ioredis sends a script again when Redis answers NOSCRIPT.
 */
export class RedisGate implements StockGate {
  private constructor(
    private readonly redis: Scripts,
    private readonly prefix: string,
  ) {}

  /** `prefix` namespaces every key (tests use a random one). */
  static async connect(url: string, prefix = 'hutong:gate:', commandTimeoutMs = 2_000): Promise<RedisGate> {
    const redis = new Redis(url, { lazyConnect: true, ...liveRedisOptions(commandTimeoutMs) }) as Scripts;
    // Failures reach each caller as a rejected command; without a listener ioredis prints every reconnect attempt.
    redis.on('error', () => {});
    redis.defineCommand('gateTake', { numberOfKeys: 4, lua: TAKE });
    redis.defineCommand('gateRelease', { numberOfKeys: 4, lua: RELEASE });
    redis.defineCommand('gateLoad', { numberOfKeys: 4, lua: LOAD });
    await redis.connect();
    return new RedisGate(redis, prefix);
  }

  #keys(pool: string): Keys {
    const base = `${this.prefix}{${pool}}`;
    return [`${base}:meta`, `${base}:holders`, `${base}:taken`, `${base}:refused`];
  }

  async take(pool: string, t: TakeRequest): Promise<TakeResult> {
    const r = await this.redis.gateTake(...this.#keys(pool), t.holder, t.key, t.fingerprint, t.units, t.now, t.ref);
    switch (r[0]) {
      case 'taken':
        return { kind: 'taken' };
      case 'refused':
        return { kind: 'refused', reason: r[1] as 'sold_out' | 'limit' | 'not_open' | 'closed' };
      case 'seen':
        return { kind: 'seen', outcome: r[1] as GateKey['outcome'], ref: r[2] ?? '', sameRequest: r[3] === '1' };
      default:
        return { kind: 'unknown' };
    }
  }

  async release(pool: string, r: { holder: string; key: string; units: number; forget: boolean }): Promise<void> {
    await this.redis.gateRelease(...this.#keys(pool), r.holder, r.key, r.units, r.forget ? '1' : '0');
  }

  async load(pool: string, s: GatePool, mode: 'replace' | 'if_absent'): Promise<void> {
    const holders = Object.entries(s.holders).flat();
    // The truth's keys are keys that took units; any refused key it names joins the refused ones.
    const keys = Object.entries(s.keys).filter(([, v]) => v.outcome === 'taken').flatMap(([k, v]) => [k, `${v.fingerprint}|${v.outcome}|${v.ref}`]);
    const refused = Object.entries(s.keys).filter(([, v]) => v.outcome !== 'taken');
    await this.redis.gateLoad(
      ...this.#keys(pool), mode, s.units, s.taken, s.perHolder, s.opensAt, s.closesAt, Math.max(0, s.closesAt - Date.now()) + KEEP_AFTER_CLOSE_MS,
      holders.length / 2, ...holders, ...keys,
    );
    if (refused.length > 0) await this.redis.hset(this.#keys(pool)[3], Object.fromEntries(refused.map(([k, v]) => [k, `${v.fingerprint}|${v.outcome}|`])));
  }

  async count(pool: string): Promise<{ units: number; taken: number } | null> {
    const [units, taken] = await this.redis.hmget(this.#keys(pool)[0], 'units', 'taken');
    return units === null || taken === null ? null : { units: Number(units), taken: Number(taken) };
  }

  async drop(pool: string): Promise<void> {
    await this.redis.del(...this.#keys(pool));
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
