import type {} from '@fastify/rate-limit'; // augments app.createRateLimit
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../kernel/app-error';
import type { Access } from './access';
import type { KeyHolder } from './api-keys.service';

const WINDOW_MS = 60_000;

/**
 * Each API key's requests per minute, counted where the app's rate limits are (Redis when
 * HUTONG_REDIS_URL is set, so every node shares one budget per key; else this process), with the
 * `RateLimit-*` headers (IETF draft-ietf-httpapi-ratelimit-headers) on every answer to a key:
 * `RateLimit-Limit` (requests per window), `RateLimit-Remaining`, `RateLimit-Reset` (seconds until
 * the window ends), `RateLimit-Policy` (`N;w=60`), and `Retry-After` on a 429.
 *
 * Uses the limiter without marking the request as limited, so a route's own limit (logins) still
 * runs: a bearer header must never be a way around it. Sessions are not limited here.
 */
export function limitApiKeys(app: FastifyInstance, access: Access): void {
  const holderOf = async (req: FastifyRequest): Promise<KeyHolder> => {
    const actor = await access.optionalActor(req);
    if (actor?.kind !== 'apiKey') throw new Error('only API-key requests are limited here');
    return actor;
  };
  const limiter = app.createRateLimit({
    keyGenerator: async (req) => `api-key:${(await holderOf(req)).keyId}`,
    max: async (req) => (await holderOf(req)).ratePerMinute,
    timeWindow: WINDOW_MS,
  });

  app.addHook('onRequest', async (req, reply) => {
    if (req.headers.authorization === undefined) return;
    // A bad key is refused here, before anything else runs (IDENTITY_INVALID_API_KEY).
    const actor = await access.optionalActor(req);
    if (actor?.kind !== 'apiKey') return;
    const limit = await limiter(req);
    if (limit.isAllowed) return;
    reply.header('RateLimit-Limit', limit.max);
    reply.header('RateLimit-Remaining', limit.remaining);
    reply.header('RateLimit-Reset', limit.ttlInSeconds);
    reply.header('RateLimit-Policy', `${limit.max};w=${WINDOW_MS / 1000}`);
    if (limit.isExceeded) {
      reply.header('Retry-After', limit.ttlInSeconds);
      throw new AppError('IDENTITY_API_KEY_RATE_LIMITED', `This API key may make ${limit.max} requests a minute; try again in ${limit.ttlInSeconds} s.`);
    }
  });
}
