import type { Queryable } from '../platform/db/db.port';

/** The moderation state that outlives a hub: bans (per shop), mutes and slow mode (per room), word lists (per shop). */
export const moderationRepo = {
  async bans(db: Queryable, shopId: string): Promise<string[]> {
    const rows = await db.query<{ viewerId: string }>(`SELECT viewer_id AS "viewerId" FROM chat_bans WHERE shop_id = $1`, [shopId]);
    return rows.map((r) => r.viewerId);
  },

  async ban(db: Queryable, shopId: string, viewerId: string): Promise<void> {
    await db.query(`INSERT INTO chat_bans (shop_id, viewer_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [shopId, viewerId]);
  },

  async unban(db: Queryable, shopId: string, viewerId: string): Promise<void> {
    await db.query(`DELETE FROM chat_bans WHERE shop_id = $1 AND viewer_id = $2`, [shopId, viewerId]);
  },

  async mutes(db: Queryable, roomId: string): Promise<Map<string, number>> {
    const rows = await db.query<{ viewerId: string; until: Date }>(
      `SELECT viewer_id AS "viewerId", until FROM chat_mutes WHERE room_id = $1 AND until > now()`,
      [roomId],
    );
    return new Map(rows.map((r) => [r.viewerId, r.until.getTime()]));
  },

  async mute(db: Queryable, roomId: string, viewerId: string, until: Date): Promise<void> {
    await db.query(
      `INSERT INTO chat_mutes (room_id, viewer_id, until) VALUES ($1, $2, $3)
       ON CONFLICT (room_id, viewer_id) DO UPDATE SET until = EXCLUDED.until`,
      [roomId, viewerId, until],
    );
  },

  async slowMode(db: Queryable, roomId: string): Promise<number> {
    const [row] = await db.query<{ s: number }>(`SELECT slow_mode_seconds AS s FROM chat_room_settings WHERE room_id = $1`, [roomId]);
    return row?.s ?? 0;
  },

  async setSlowMode(db: Queryable, roomId: string, seconds: number): Promise<void> {
    await db.query(
      `INSERT INTO chat_room_settings (room_id, slow_mode_seconds) VALUES ($1, $2)
       ON CONFLICT (room_id) DO UPDATE SET slow_mode_seconds = EXCLUDED.slow_mode_seconds`,
      [roomId, seconds],
    );
  },

  async bannedWords(db: Queryable, shopId: string): Promise<string[]> {
    const [row] = await db.query<{ words: string[] }>(`SELECT banned_words AS words FROM chat_shop_settings WHERE shop_id = $1`, [shopId]);
    return row?.words ?? [];
  },

  async setBannedWords(db: Queryable, shopId: string, words: readonly string[]): Promise<void> {
    await db.query(
      `INSERT INTO chat_shop_settings (shop_id, banned_words) VALUES ($1, $2::jsonb)
       ON CONFLICT (shop_id) DO UPDATE SET banned_words = EXCLUDED.banned_words`,
      [shopId, JSON.stringify(words)],
    );
  },
};
