import type { RedisOptions } from 'ioredis';

/**
 * ioredis options for connections that live paths use (the bus, the room counters, login limits).
 * ioredis's defaults suit a batch job, not a live room (FIELD-NOTES: with Redis frozen every
 * awaited command hangs until it resumes): here a caller always hears back within a bound.
 *
 * - `commandTimeout`: a command without an answer after this long rejects (a frozen or overloaded
 *   Redis keeps the TCP connection open, so nothing else would notice).
 * - `enableOfflineQueue: false`: while disconnected a command rejects at once instead of waiting
 *   in a queue that grows with the outage.
 * - `maxRetriesPerRequest: 0`, `autoResendUnfulfilledCommands: false`: a command in flight when the
 *   connection dropped is rejected, never sent a second time behind the caller's back (callers
 *   that retry make their writes idempotent: the counters' settlements carry an id).
 * - Reconnects forever, every 100 ms growing to 1 s, so service resumes within a second of Redis.
 */
export function liveRedisOptions(commandTimeoutMs: number): RedisOptions {
  return {
    commandTimeout: commandTimeoutMs,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    retryStrategy: (attempt) => Math.min(100 * attempt, 1000),
  };
}
