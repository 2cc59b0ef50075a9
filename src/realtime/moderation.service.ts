import type { Db } from '../platform/db/db.port';
import type { Bus, Json } from '../platform/bus/bus.port';
import { AppError } from '../kernel/app-error';
import { chatRepo } from './chat.repo';
import { moderationRepo } from './moderation.repo';
import { hubTopic, shopModerationTopic, type HubRoom } from './hub';

/**
 * What hosts and moderators do to a room's chat. Each change is written to the database first (a
 * hub opening later loads it), then announced on the bus so every node's hub applies it at once.
 */
export function createModeration({ db, bus, now }: { db: Db; bus: Bus; now: () => number }) {
  const toRoom = (room: HubRoom, msg: object) => bus.publish(hubTopic(room.id), msg as Json);
  const toShop = (shopId: string, msg: object) => bus.publish(shopModerationTopic(shopId), msg as Json);

  return {
    /** Removes a message for everyone. Chat is written behind (per tick), so a very fresh message gets one more look. */
    async deleteMessage(room: HubRoom, messageId: string): Promise<void> {
      let done = await chatRepo.markDeleted(db, room.id, messageId);
      if (!done && !(await chatRepo.exists(db, room.id, messageId))) {
        await new Promise((r) => setTimeout(r, 500));
        done = await chatRepo.markDeleted(db, room.id, messageId);
      }
      if (!done && !(await chatRepo.exists(db, room.id, messageId))) throw new AppError('REALTIME_MESSAGE_NOT_FOUND');
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

    history: (room: HubRoom, limit: number) => chatRepo.latest(db, room.id, limit),
  };
}

export type Moderation = ReturnType<typeof createModeration>;
