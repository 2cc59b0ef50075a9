import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as c from '../contracts/discovery.schemas';
import type { Discovery, ShowList } from './discovery.service';

const tags = ['discovery'];
const lists: Record<ShowList, string> = {
  live: 'Shows live now, the most recently started first, with their views so far',
  upcoming: 'Scheduled shows, the soonest first',
  replays: 'Ended shows with a replay, the most recent first',
};

/** Public: what any visitor may browse, logged in or not. Paged with `?limit=&after=`. */
export const discoveryRoutes: FastifyPluginAsyncZod<{ discovery: Discovery }> = async (app, { discovery }) => {
  for (const list of Object.keys(lists) as ShowList[]) {
    app.get(
      `/discover/${list}`,
      { schema: { tags, summary: lists[list], querystring: c.discoverQuery, response: { 200: c.showCardsAnswer } } },
      async (req) => discovery.shows(list, req.query),
    );
  }

  app.get(
    '/shops/by-slug/:slug/rooms',
    { schema: { tags, summary: "A shop's rooms, oldest first, each live or not", params: c.shopSlugParams, querystring: c.shopRoomsQuery, response: { 200: c.roomCardsAnswer } } },
    async (req) => discovery.rooms(req.params.slug, req.query),
  );
};
