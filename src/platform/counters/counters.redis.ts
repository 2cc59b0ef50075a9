import { Redis } from 'ioredis';
import { liveRedisOptions } from '../redis-options';
import type { ChatTally, Counters, RosterEntry, ScopeTotals, Settlement } from './counters.port';

/** A scope's keys stay this long after its last settlement; a retired scope's one day. */
const KEEP_MS = 7 * 86_400_000;
const RETIRED_MS = 86_400_000;
/** A settlement's id is remembered this long: far longer than any retry comes. */
const DONE_MS = 600_000;

/**
 * One settlement, atomically. KEYS: the scope's totals (a hash), its unique-viewer sketch, the
 * settlement's id flag, then one seen-flag per join and per leave. ARGV: likes, online, view window,
 * number of joins, chat accepted/shown/stored, keep-ms, then the joining viewers. Everything that
 * adds runs only the first time the id is seen; the peak is a maximum, harmless to repeat.
 */
const SETTLE = `
local n = KEYS[1]
if tonumber(ARGV[2]) > tonumber(redis.call('HGET', n, 'pcu') or '0') then redis.call('HSET', n, 'pcu', ARGV[2]) end
if redis.call('SET', KEYS[3], '1', 'NX', 'PX', ${DONE_MS}) then
  redis.call('HINCRBY', n, 'likes', ARGV[1])
  redis.call('HINCRBY', n, 'accepted', ARGV[5])
  redis.call('HINCRBY', n, 'shown', ARGV[6])
  redis.call('HINCRBY', n, 'stored', ARGV[7])
  local joins = tonumber(ARGV[4])
  for i = 1, joins do
    if not redis.call('SET', KEYS[3 + i], '1', 'PX', ARGV[3], 'GET') then redis.call('HINCRBY', n, 'views', 1) end
  end
  for i = 4 + joins, #KEYS do redis.call('SET', KEYS[i], '1', 'PX', ARGV[3]) end
  for i = 0, joins - 1, 1000 do redis.call('PFADD', KEYS[2], unpack(ARGV, 9 + i, math.min(8 + joins, 8 + i + 1000))) end
end
redis.call('PEXPIRE', n, ARGV[8])
redis.call('PEXPIRE', KEYS[2], ARGV[8])
local v = redis.call('HMGET', n, 'likes', 'views', 'pcu', 'accepted', 'shown', 'stored')
return { v[1] or '0', v[2] or '0', v[3] or '0', v[4] or '0', v[5] or '0', v[6] or '0', redis.call('PFCOUNT', KEYS[2]) }`;

const READ = `
local v = redis.call('HMGET', KEYS[1], 'likes', 'views', 'pcu', 'accepted', 'shown', 'stored')
return { v[1] or '0', v[2] or '0', v[3] or '0', v[4] or '0', v[5] or '0', v[6] or '0', redis.call('PFCOUNT', KEYS[2]) }`;

/**
 * A room's roster, atomically. KEYS: the roster (a hash: node → "online:ms"). ARGV: the node, its
 * sockets ('' when it leaves), the ttl in ms. Time is Redis's own (TIME), so the nodes' clocks need
 * not agree; stale entries are dropped as they are met, and the hash expires when every node is gone.
 */
const ROSTER = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local ttl = tonumber(ARGV[3])
if ARGV[2] == '' then redis.call('HDEL', KEYS[1], ARGV[1]) else redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. ':' .. now) end
local all = redis.call('HGETALL', KEYS[1])
local live = {}
for i = 1, #all, 2 do
  local online, at = string.match(all[i + 1], '^(%d+):(%d+)$')
  if at and now - tonumber(at) <= ttl then
    live[#live + 1] = all[i]
    live[#live + 1] = online
  else
    redis.call('HDEL', KEYS[1], all[i])
  end
end
if #live > 0 then redis.call('PEXPIRE', KEYS[1], ttl * 2) end
return live`;

type Answer = (string | number)[];
type Scripted = Redis & {
  hutongSettle(...keysThenArgs: (string | number)[]): Promise<Answer>;
  hutongRead(totals: string, unique: string): Promise<Answer>;
  hutongRoster(roster: string, node: string, online: string, ttlMs: number): Promise<string[]>;
};

/**
 * Redis counters, shared by every node. A scope's keys share one hash tag (`{show:…}`), so they
 * live on one shard of a Redis Cluster and the settlement script may touch them all.
 */
export class RedisCounters implements Counters {
  readonly kind = 'redis' as const;

  private constructor(
    private readonly redis: Scripted,
    private readonly prefix: string,
  ) {}

  /** `prefix` namespaces every key (tests use a random one). A command unanswered after `commandTimeoutMs` fails. */
  static async connect(url: string, prefix = 'hutong:', commandTimeoutMs = 1000): Promise<RedisCounters> {
    const redis = new Redis(url, { lazyConnect: true, ...liveRedisOptions(commandTimeoutMs) });
    // Reconnects are reported by the settling hubs (their settlements fail); without a listener
    // ioredis would print every attempt as an unhandled error.
    redis.on('error', () => {});
    await redis.connect();
    redis.defineCommand('hutongSettle', { lua: SETTLE });
    redis.defineCommand('hutongRead', { numberOfKeys: 2, lua: READ });
    redis.defineCommand('hutongRoster', { numberOfKeys: 1, lua: ROSTER });
    return new RedisCounters(redis as Scripted, prefix);
  }

  #keys(scope: string) {
    const base = `${this.prefix}{${scope}}`;
    return { totals: `${base}:n`, unique: `${base}:u`, done: (id: string) => `${base}:done:${id}`, seen: (viewer: string) => `${base}:seen:${viewer}` };
  }

  async settle(scope: string, s: Settlement): Promise<ScopeTotals> {
    const k = this.#keys(scope);
    const keys = [k.totals, k.unique, k.done(s.id), ...s.joins.map(k.seen), ...s.leaves.map(k.seen)];
    const args = [s.likes, s.online, s.viewWindowMs, s.joins.length, s.chat.accepted, s.chat.shown, s.chat.stored, KEEP_MS, ...s.joins];
    // With a dynamic number of keys, ioredis takes the key count as the first argument.
    return totals(await this.redis.hutongSettle(keys.length, ...keys, ...args));
  }

  async read(scope: string): Promise<ScopeTotals> {
    const k = this.#keys(scope);
    return totals(await this.redis.hutongRead(k.totals, k.unique));
  }

  async retire(scope: string): Promise<void> {
    const k = this.#keys(scope);
    await this.redis.multi().pexpire(k.totals, RETIRED_MS).pexpire(k.unique, RETIRED_MS).exec();
  }

  async roster(room: string, node: string, online: number | null, ttlMs: number): Promise<RosterEntry[]> {
    const answer = await this.redis.hutongRoster(`${this.prefix}{room:${room}}:nodes`, node, online === null ? '' : String(online), ttlMs);
    const entries: RosterEntry[] = [];
    for (let i = 0; i < answer.length; i += 2) entries.push({ node: answer[i]!, online: Number(answer[i + 1]) });
    return entries;
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

function totals(answer: Answer): ScopeTotals {
  const [likes, views, pcu, accepted, shown, stored, unique] = answer.map(Number) as number[];
  const chat: ChatTally = { accepted: accepted!, shown: shown!, stored: stored! };
  return { likes: likes!, views: views!, pcu: pcu!, unique: unique!, chat };
}
