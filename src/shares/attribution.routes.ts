import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as c from '../contracts/shares.schemas';
import { AppError } from '../kernel/app-error';
import type { Access } from '../identity';
import type { Attribution } from './attribution';
import type { ShareReports } from './share-reports';
import { SHARE_COOKIE, VISITOR_COOKIE } from './cookies';

const tags = ['shares'];

/** The room page's signals, the shop's funnel report and a viewer's own numbers (docs/sharing.md, "Attribution"). */
export const attributionRoutes: FastifyPluginAsyncZod<{ attribution: Attribution; reports: ShareReports; access: Pick<Access, 'optionalActor' | 'shop' | 'user'> }> = async (
  app,
  { attribution, reports, access },
) => {
  app.post(
    '/shares/signals',
    {
      schema: { tags, summary: 'The room page: a browser that came through a share opened the room, the cart, or a link', body: c.shareSignalBody, response: { 204: z.null() } },
      config: { rateLimit: { max: 120, timeWindow: '1 minute', hook: 'preHandler' as const, errorResponseBuilder: () => new AppError('HTTP_RATE_LIMITED') } },
    },
    async (req, reply) => {
      const code = req.cookies[SHARE_COOKIE];
      const visitorId = req.cookies[VISITOR_COOKIE];
      if (code && visitorId && c.shareCodePattern.test(code)) {
        const actor = await access.optionalActor(req).catch(() => null);
        await attribution.signal(code, { visitorId, viewerId: actor?.kind === 'user' ? actor.user.id : null }, req.body.signal, req.body.room);
      }
      // The same answer whether or not anything was credited: the page has nothing to act on.
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/shops/:shopId/shares/report',
    { schema: { tags, summary: "The shop's shares funnel per channel and per sharer, for all time or one show", params: z.object({ shopId: z.string().uuid() }), querystring: c.shareReportQuery, response: { 200: c.shareReportAnswer } } },
    async (req) => {
      const { shopId } = await access.shop(req, req.params.shopId, 'sales.read');
      return reports.report(shopId, req.query.showId ?? null);
    },
  );

  app.get(
    '/me/shares/stats',
    { schema: { tags, summary: 'How many friends came through my shares, and what they bought', response: { 200: c.myShareStatsAnswer } } },
    async (req) => reports.mine((await access.user(req)).id),
  );
};
