import type { Queryable } from '../platform/db/db.port';
import type { ChatMessage, ChatRole } from '../contracts/realtime.schemas';

interface ChatRow {
  id: string;
  viewerId: string;
  name: string;
  role: ChatRole;
  body: string;
  createdAt: Date;
  deletedAt: Date | null;
}

export const toMessage = (r: ChatRow): ChatMessage & { deleted: boolean } => ({
  id: r.id,
  at: r.createdAt.getTime(),
  from: { id: r.viewerId, name: r.name, role: r.role },
  text: r.body,
  deleted: r.deletedAt !== null,
});

/** Chat kept for moderation and replay. Hubs write it behind, one multi-row insert per tick. */
export const chatRepo = {
  async insertMany(db: Queryable, roomId: string, messages: readonly ChatMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const values: unknown[] = [];
    const rows = messages.map((m, i) => {
      values.push(m.id, roomId, m.from.id, m.from.name, m.from.role, m.text, new Date(m.at));
      const b = i * 7;
      return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7})`;
    });
    await db.query(
      `INSERT INTO chat_messages (id, room_id, viewer_id, name, role, body, created_at) VALUES ${rows.join(', ')} ON CONFLICT (id) DO NOTHING`,
      values,
    );
  },

  /** True when the message existed in the room and was not already deleted. */
  async markDeleted(db: Queryable, roomId: string, id: string): Promise<boolean> {
    const rows = await db.query(
      `UPDATE chat_messages SET deleted_at = now() WHERE id = $1 AND room_id = $2 AND deleted_at IS NULL RETURNING id`,
      [id, roomId],
    );
    return rows.length === 1;
  },

  async exists(db: Queryable, roomId: string, id: string): Promise<boolean> {
    return (await db.query(`SELECT 1 FROM chat_messages WHERE id = $1 AND room_id = $2`, [id, roomId])).length === 1;
  },

  async latest(db: Queryable, roomId: string, limit: number) {
    const rows = await db.query<ChatRow>(
      `SELECT id, viewer_id AS "viewerId", name, role, body, created_at AS "createdAt", deleted_at AS "deletedAt"
         FROM chat_messages WHERE room_id = $1 ORDER BY created_at DESC LIMIT $2`,
      [roomId, limit],
    );
    return rows.reverse().map(toMessage);
  },
};
