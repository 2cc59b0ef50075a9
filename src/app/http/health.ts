import type { FastifyInstance } from 'fastify';
import { AppError } from '../../kernel/app-error';

/** Liveness (the process answers) and readiness (its database answers). */
export function registerHealth(app: FastifyInstance, ready: () => Promise<void>): void {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (req) => {
    try {
      await ready();
    } catch (err) {
      req.log.warn({ err }, 'not ready');
      throw new AppError('HTTP_UNAVAILABLE');
    }
    return { status: 'ready' };
  });
}
