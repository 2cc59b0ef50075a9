import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../kernel/app-error';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A second line behind SameSite=Lax cookies (and behind refusing form content types): a write that
 * carries the session cookie must come from our own pages. Browsers say where a request comes from
 * in `Sec-Fetch-Site` (all current ones) or, failing that, in `Origin`; a write that names another
 * site in either is refused. A request with neither header is not from a browser page (a CLI, a
 * test, a server) and has no ambient cookie to abuse, so it passes. Bearer API keys are not
 * ambient either: requests without the cookie are not checked.
 */
export function registerSameOriginWrites(app: FastifyInstance, opts: { cookieName: string; publicUrl: string }): void {
  const publicOrigin = new URL(opts.publicUrl).origin;
  app.addHook('onRequest', async (req) => {
    if (SAFE_METHODS.has(req.method) || !hasCookie(req, opts.cookieName)) return;
    if (!fromOwnSite(req, publicOrigin)) throw new AppError('HTTP_CROSS_SITE_REFUSED');
  });
}

const hasCookie = (req: FastifyRequest, name: string): boolean => (req.headers.cookie ?? '').split(';').some((c) => c.trim().startsWith(`${name}=`));

function fromOwnSite(req: FastifyRequest, publicOrigin: string): boolean {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string') return site === 'same-origin';
  const origin = req.headers.origin;
  if (typeof origin !== 'string') return true;
  // Our own origin as configured, or as the browser reached this node (a node behind no proxy, dev).
  return origin === publicOrigin || origin === `${req.protocol}://${req.headers.host ?? ''}`;
}
