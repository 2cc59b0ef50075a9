import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Redis } from 'ioredis';
import type { Registry } from 'prom-client';
import { errorHandler, notFound } from './errors';
import { registerHealth } from './health';
import { lazyRequestLogger, loggerOptions, RequestLog, type LogOptions } from './logging';
import { registerMetrics } from './metrics';
import { registerOpenApi } from './openapi';
import { registerWeb, sendIndex, wantsPage } from './web';
import { registerSameOriginWrites } from './same-origin';
import { registerSecurityHeaders } from './security-headers';
import { SESSION_COOKIE } from '../../identity';

export interface HttpOptions {
  log: LogOptions;
  bodyLimitBytes: number;
  publicUrl: string;
  webDistDir: string;
  ready: () => Promise<void>;
  /** The app's Prometheus registry, served at /metrics. */
  metrics: Registry;
  /** Where rate limits are counted when several nodes must share them (else in this process). */
  rateLimitRedis?: Redis;
}

/** The HTTP app without its routes; `listen` is the caller's business. */
export async function createHttpServer(opts: HttpOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(opts.log),
    logController: new RequestLog(opts.log.format),
    childLoggerFactory: lazyRequestLogger,
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
  registerSecurityHeaders(app);
  registerSameOriginWrites(app, { cookieName: SESSION_COOKIE, publicUrl: opts.publicUrl });
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
