import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as c from '../contracts/realtime.schemas';
import { pageQuery } from '../contracts/pagination.schemas';
import { roomSlugParams } from '../contracts/live.schemas';
import { shopParams } from '../contracts/identity.schemas';
import type { Access } from '../identity';
import type { HubRoom } from './hub';
import type { Hubs } from './hubs';
import type { Moderation } from './moderation.service';

export interface RealtimeRoutesDeps {
  access: Access;
  moderation: Moderation;
  hubs: Hubs;
  roomBySlug(slug: string): Promise<HubRoom>;
}

const tags = ['realtime'];

/** Moderation and live numbers: for the room's shop members (owner, host, staff) and its API keys. */
export const realtimeRoutes: FastifyPluginAsyncZod<RealtimeRoutesDeps> = async (app, { access, moderation, hubs, roomBySlug }) => {
  async function staffRoom(req: Parameters<Access['shop']>[0], slug: string): Promise<HubRoom> {
    const room = await roomBySlug(slug);
    await access.shop(req, room.shopId, 'live.run');
    return room;
  }

  app.get(
    '/rooms/:slug/live-numbers',
    { schema: { tags, summary: 'Live audience numbers of a room', params: roomSlugParams, response: { 200: c.liveNumbersAnswer } } },
    async (req) => {
      const room = await staffRoom(req, req.params.slug);
      const hub = await hubs.get(room);
      try {
        return { numbers: { ...hub.counts(), messagesPerMinute: hub.messagesPerMinute(), chat: hub.chatTotals() }, slowModeSeconds: hub.slowModeSeconds };
      } finally {
        hubs.release(room.id);
      }
    },
  );

  app.get(
    '/rooms/:slug/chat',
    {
      schema: {
        tags,
        summary: 'Stored chat of a room, newest first, a page at a time (deleted ones flagged)',
        params: roomSlugParams,
        querystring: pageQuery,
        response: { 200: c.chatHistoryAnswer },
      },
    },
    async (req) => {
      const { items, next } = await moderation.history(await staffRoom(req, req.params.slug), req.query);
      return { messages: items, next };
    },
  );

  app.delete(
    '/rooms/:slug/chat/:messageId',
    { schema: { tags, summary: 'Delete a chat message for everyone', params: c.messageParams, response: { 200: c.okAnswer } } },
    async (req) => {
      await moderation.deleteMessage(await staffRoom(req, req.params.slug), req.params.messageId);
      return { ok: true as const };
    },
  );

  app.post(
    '/rooms/:slug/mutes',
    { schema: { tags, summary: 'Mute a viewer in this room for N minutes', params: roomSlugParams, body: c.muteBody, response: { 200: c.okAnswer } } },
    async (req) => {
      await moderation.mute(await staffRoom(req, req.params.slug), req.body.viewerId, req.body.minutes);
      return { ok: true as const };
    },
  );

  app.post(
    '/rooms/:slug/bans',
    { schema: { tags, summary: "Ban a viewer from every room of the shop", params: roomSlugParams, body: c.banBody, response: { 200: c.okAnswer } } },
    async (req) => {
      const room = await staffRoom(req, req.params.slug);
      await moderation.ban(room.shopId, req.body.viewerId);
      return { ok: true as const };
    },
  );

  app.delete(
    '/rooms/:slug/bans/:viewerId',
    { schema: { tags, summary: 'Lift a ban (every room of the shop)', params: c.banParams, response: { 200: c.okAnswer } } },
    async (req) => {
      const room = await staffRoom(req, req.params.slug);
      await moderation.unban(room.shopId, req.params.viewerId);
      return { ok: true as const };
    },
  );

  app.post(
    '/rooms/:slug/slow-mode',
    { schema: { tags, summary: 'Slow mode: seconds between two messages of a viewer (0 = off)', params: roomSlugParams, body: c.slowModeBody, response: { 200: c.okAnswer } } },
    async (req) => {
      await moderation.setSlowMode(await staffRoom(req, req.params.slug), req.body.seconds);
      return { ok: true as const };
    },
  );

  app.get(
    '/shops/:shopId/chat/banned-words',
    { schema: { tags, summary: "The shop's banned words (on top of the operator's)", params: shopParams, response: { 200: c.bannedWordsAnswer } } },
    async (req) => {
      const { shopId } = await access.shop(req, req.params.shopId, 'live.read');
      return { words: await moderation.bannedWords(shopId) };
    },
  );

  app.post(
    '/shops/:shopId/chat/banned-words',
    { schema: { tags, summary: "Replace the shop's banned words", params: shopParams, body: c.bannedWordsBody, response: { 200: c.bannedWordsAnswer } } },
    async (req) => {
      const { shopId } = await access.shop(req, req.params.shopId, 'live.run');
      return { words: await moderation.setBannedWords(shopId, req.body.words) };
    },
  );
};
