import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { DestinationStream } from 'pino';
import type { Redis } from 'ioredis';
import type { Registry } from 'prom-client';
import { errorHandler, notFound } from './errors';
import { registerHealth } from './health';
import { registerMetrics } from './metrics';
import { registerOpenApi } from './openapi';
import { registerWeb, sendIndex, wantsPage } from './web';

export interface HttpOptions {
  logLevel: string;
  /** Where JSON logs go (stdout when absent); tests pass a stream to inspect them. */
  logStream?: DestinationStream;
  bodyLimitBytes: number;
  publicUrl: string;
  webDistDir: string;
  ready: () => Promise<void>;
  /** The app's Prometheus registry, served at /metrics. */
  metrics: Registry;
  /** Where rate limits are counted when several nodes must share them (else in this process). */
  rateLimitRedis?: Redis;
}

/**
 * Paths whose values must never reach a log: credentials in headers and bodies.
 * Fastify logs no bodies and no headers by default; this guards against anyone adding them.
 */
export const redactedPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.token',
  '*.secret',
  '*.streamKey',
];

/** The HTTP app without its routes; `listen` is the caller's business. */
export async function createHttpServer(opts: HttpOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: opts.logLevel,
      redact: { paths: redactedPaths, censor: '[redacted]' },
      ...(opts.logStream ? { stream: opts.logStream } : {}),
    },
    bodyLimit: opts.bodyLimitBytes,
    trustProxy: false,
    return503OnClosing: true,
    routerOptions: { maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // JSON only: a cross-site HTML form cannot send application/json, which closes the CSRF door
  // that text/plain bodies would leave open beside SameSite cookies.
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler(errorHandler);

  await app.register(cookie);
  // Redis unreachable: requests go through unlimited rather than logins failing for everyone.
  const shared = opts.rateLimitRedis ? { redis: opts.rateLimitRedis, nameSpace: 'hutong-rate-limit:', skipOnError: true } : {};
  await app.register(rateLimit, { global: false, ...shared });
  await registerOpenApi(app, opts.publicUrl);
  registerHealth(app, opts.ready);
  registerMetrics(app, opts.metrics);

  const hasWeb = await registerWeb(app, opts.webDistDir);
  app.setNotFoundHandler((req, reply) => (hasWeb && wantsPage(req) ? sendIndex(reply) : notFound(reply)));
  return app;
}
