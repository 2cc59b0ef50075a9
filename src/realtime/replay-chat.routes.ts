import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as c from '../contracts/realtime.schemas';
import { pageQuery } from '../contracts/pagination.schemas';
import type { Db } from '../platform/db/db.port';
import { chatRepo, toMessage } from './chat.repo';

export interface ReplayChatDeps {
  db: Db;
  /** The room and the recording's time span of one of its ended, recorded shows (live context). */
  replayWindow(slug: string, showId: string): Promise<{ roomId: string; from: Date; to: Date }>;
}

/**
 * Public: a replay's chat, for the replay page to play back at its recorded time. The chat was said
 * in public; deleted messages stay out.
 */
export const replayChatRoutes: FastifyPluginAsyncZod<ReplayChatDeps> = async (app, { db, replayWindow }) => {
  app.get(
    '/rooms/:slug/replays/:showId/chat',
    {
      schema: {
        tags: ['realtime'],
        summary: "A replay's chat in the order it was said, each line with its offset into the recording",
        params: c.replayChatParams,
        querystring: pageQuery,
        response: { 200: c.replayChatAnswer },
      },
    },
    async (req) => {
      const w = await replayWindow(req.params.slug, req.params.showId);
      const { items, next } = await chatRepo.window(db, w.roomId, w, req.query);
      return {
        messages: items.map((r) => {
          const { deleted: _, ...m } = toMessage(r);
          return { ...m, offsetSeconds: Math.max(0, (r.createdAt.getTime() - w.from.getTime()) / 1000) };
        }),
        next,
      };
    },
  );
};
