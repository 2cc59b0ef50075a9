import type { FastifyInstance } from 'fastify';
import { Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Prometheus metrics on a registry of this app's own (not prom-client's global one),
 * so several apps in one process (tests) never collide. Contexts' metrics join it (realtime-metrics.ts).
 */
export function registerMetrics(app: FastifyInstance, registry: Registry): void {
  collectDefaultMetrics({ register: registry, prefix: 'hutong_' });
  const duration = new Histogram({
    name: 'hutong_http_request_duration_seconds',
    help: 'HTTP request duration by route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });

  // One child per label set, found by a string: prom-client's observe(labels, v) hashes the labels
  // object on every call, which showed in the flash-sale profile (one observation per attempt).
  const series = new Map<string, { observe(v: number): void }>();
  app.addHook('onResponse', (req, reply, done) => {
    // The route template, never the raw URL: ids and slugs would explode the label set.
    const route = req.routeOptions.url ?? 'unmatched';
    const status = reply.statusCode;
    const name = `${req.method} ${status} ${route}`;
    let s = series.get(name);
    if (!s) series.set(name, (s = duration.labels({ method: req.method, route, status: String(status) })));
    s.observe(reply.elapsedTime / 1000);
    done();
  });

  app.get('/metrics', { schema: { hide: true } }, async (_req, reply) => {
    reply.type(registry.contentType);
    return registry.metrics();
  });
}
