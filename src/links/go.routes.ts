import type {} from '@fastify/rate-limit'; // augments app.createRateLimit
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { goCodeParams } from '../contracts/links.schemas';
import { AppError } from '../kernel/app-error';
import type { Access } from '../identity';
import type { ClickOut } from './clickout.service';
import { GO_PAGE_CSP, leavingPage, refusalPage } from './go.pages';

export interface GoRoutesDeps {
  clickOut: ClickOut;
  access: Pick<Access, 'optionalActor'>;
  /** The platform's own origin (HUTONG_PUBLIC_URL): the leaving page's continue link must come from it. */
  publicUrl: string;
  /** Click-outs a viewer may make a minute (HUTONG_CLICKOUT_PER_MINUTE). */
  perMinute: number;
}

const WINDOW_MS = 60_000;
const statusOf = { unknown: 404, disabled: 410, unsafe: 403 } as const;

/**
 * GET /go/CODE: a viewer leaves for a listing.
 * - A known marketplace, or an "other" host the operator verified: the click is logged, then 302.
 * - Any other "other" host: the leaving page names the host and asks first; its continue link
 *   (`?confirm=1`) logs and redirects only when followed from that page — a link to it from
 *   elsewhere shows the page again, so /go is never an open redirect on the platform's domain.
 * - Unknown 404, disabled 410, unsafe (private host) 403, each a page and never a redirect.
 * Each viewer (account, or address when anonymous) may leave `perMinute` times a minute, counted
 * where every rate limit is (Redis when configured): then 429 LINKS_CLICKOUT_RATE_LIMITED, so
 * clicks cannot be pumped into attribution and "going to buy" notices.
 */
export const goRoutes: FastifyPluginAsyncZod<GoRoutesDeps> = async (app, { clickOut, access, publicUrl, perMinute }) => {
  const publicOrigin = new URL(publicUrl).origin;
  const viewerKeys = new WeakMap<FastifyRequest, string>();
  const limiter = app.createRateLimit({ keyGenerator: (req) => viewerKeys.get(req) ?? `clickout:ip:${req.ip}`, max: perMinute, timeWindow: WINDOW_MS });

  const page = (reply: FastifyReply, status: number, html: string) =>
    reply.code(status).header('content-security-policy', GO_PAGE_CSP).type('text/html; charset=utf-8').send(html);

  app.get(
    '/go/:code',
    {
      schema: {
        tags: ['links'],
        summary: 'Click-out: log the click and go to the listing (or first ask, for a host nobody verified)',
        params: goCodeParams,
        querystring: z.object({ confirm: z.enum(['1']).optional() }),
      },
    },
    async (req, reply) => {
      const { code } = req.params;
      reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
      const found = await clickOut.resolve(code);
      if (!found.ok) return page(reply, statusOf[found.reason], refusalPage(found.reason));
      if (found.confirm && !(req.query.confirm === '1' && fromLeavingPage(req, code, publicOrigin))) {
        // The leaving page's own link back here must carry a referrer (same origin only), or an
        // older browser could not show it came from this page.
        return page(reply.header('referrer-policy', 'same-origin'), 200, leavingPage(code, found.host, found.url));
      }
      // A bad session cookie must not stop a viewer leaving: count them as anonymous instead.
      const actor = await access.optionalActor(req).catch(() => null);
      const viewerId = actor?.kind === 'user' ? actor.user.id : null;
      if (viewerId) viewerKeys.set(req, `clickout:viewer:${viewerId}`);
      const limit = await limiter(req);
      if (!limit.isAllowed && limit.isExceeded) {
        reply.header('retry-after', limit.ttlInSeconds);
        if (!wantsPage(req)) throw new AppError('LINKS_CLICKOUT_RATE_LIMITED', `Wait ${limit.ttlInSeconds} s before opening another link.`);
        return page(reply, 429, refusalPage('limited', 'LINKS_CLICKOUT_RATE_LIMITED'));
      }
      const referrer = typeof req.headers.referer === 'string' ? req.headers.referer : null;
      await clickOut.record(found.click, { viewerId, referrer });
      return reply.redirect(found.url, 302);
    },
  );
};

const wantsPage = (req: FastifyRequest): boolean => (req.headers.accept ?? '').includes('text/html');

/**
 * Whether this request is the leaving page's continue link being followed: browsers say a
 * navigation's origin in `Sec-Fetch-Site` and, under the page's `same-origin` referrer policy, send
 * its address as `Referer`. Either naming another site (or another page) refuses; a browser that
 * sends neither cannot be told apart from a link elsewhere, and sees the page again.
 */
function fromLeavingPage(req: FastifyRequest, code: string, publicOrigin: string): boolean {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin') return false;
  const referer = req.headers.referer;
  if (typeof referer !== 'string') return site === 'same-origin';
  try {
    const from = new URL(referer);
    const ownOrigins = [publicOrigin, `${req.protocol}://${req.headers.host ?? ''}`];
    return ownOrigins.includes(from.origin) && from.pathname === `/go/${code}`;
  } catch {
    return false;
  }
}
