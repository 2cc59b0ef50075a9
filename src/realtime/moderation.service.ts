import type { Db } from '../platform/db/db.port';
import type { Bus, Json } from '../platform/bus/bus.port';
import { AppError } from '../kernel/app-error';
import type { PageQuery } from '../contracts/pagination.schemas';
import { chatRepo } from './chat.repo';
import { DELETE_WINDOW_MS, messageIdTime } from './message-ids';
import { moderationRepo } from './moderation.repo';
import type { HubRoom } from './hub';
import { hubTopic, shopModerationTopic } from './topics';

/**
 * What hosts and moderators do to a room's chat. Each change is written to the database first (a
 * hub opening later loads it), then announced on the bus so every node's hub applies it at once.
 */
export function createModeration({ db, bus, now }: { db: Db; bus: Bus; now: () => number }) {
  const toRoom = (room: HubRoom, msg: object) => bus.publish(hubTopic(room.id), msg as Json);
  const toShop = (shopId: string, msg: object) => bus.publish(shopModerationTopic(shopId), msg as Json);

  return {
    /**
     * Removes a message for everyone, by id, whichever arrives first. Chat is stored behind (by the
     * node that accepted it, chat-store.ts) and relayed over the bus, so a message younger than the
     * window may not be stored, or on every node, yet: its deletion goes out all the same, the
     * hubs remember it for the window, and the accepting node stores it after the message
     * (hub.ts, chat-store.ts). Not found: an id that is neither stored nor young enough to be on its way.
     */
    async deleteMessage(room: HubRoom, messageId: string): Promise<void> {
      const stored = (await chatRepo.markDeleted(db, room.id, messageId)) || (await chatRepo.exists(db, room.id, messageId));
      const madeAt = messageIdTime(messageId);
      const onItsWay = madeAt !== undefined && Math.abs(now() - madeAt) <= DELETE_WINDOW_MS;
      if (!stored && !onItsWay) throw new AppError('REALTIME_MESSAGE_NOT_FOUND');
      await toRoom(room, { k: 'delete', id: messageId });
    },

    async mute(room: HubRoom, viewerId: string, minutes: number): Promise<{ until: number }> {
      const until = now() + minutes * 60_000;
      await moderationRepo.mute(db, room.id, viewerId, new Date(until));
      await toRoom(room, { k: 'mute', viewerId, until });
      return { until };
    },

    async setSlowMode(room: HubRoom, seconds: number): Promise<void> {
      await moderationRepo.setSlowMode(db, room.id, seconds);
      await toRoom(room, { k: 'slow', seconds });
    },

    async ban(shopId: string, viewerId: string): Promise<void> {
      await moderationRepo.ban(db, shopId, viewerId);
      await toShop(shopId, { k: 'ban', viewerId });
    },

    async unban(shopId: string, viewerId: string): Promise<void> {
      await moderationRepo.unban(db, shopId, viewerId);
      await toShop(shopId, { k: 'unban', viewerId });
    },

    bannedWords: (shopId: string) => moderationRepo.bannedWords(db, shopId),

    async setBannedWords(shopId: string, words: readonly string[]): Promise<string[]> {
      const unique = [...new Set(words.map((w) => w.trim()).filter(Boolean))];
      await moderationRepo.setBannedWords(db, shopId, unique);
      await toShop(shopId, { k: 'words', words: unique });
      return unique;
    },

    history: (room: HubRoom, query: PageQuery) => chatRepo.page(db, room.id, query),
  };
}

export type Moderation = ReturnType<typeof createModeration>;
