import type { Queryable } from '../platform/db/db.port';
import { keyset, mapPage, type KeysetRow } from '../platform/db/keyset';
import type { PageQuery } from '../contracts/pagination.schemas';
import type { ChatMessage, ChatRole } from '../contracts/realtime.schemas';

export interface ChatRow {
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

/** Rows per INSERT: a statement's size and the time it holds its locks stay bounded however much waits. */
export const CHAT_ROWS_PER_INSERT = 1000;

/** Chat kept for moderation and replay. Hubs write it behind (chat-store.ts), in bounded batches. */
export const chatRepo = {
  /**
   * One statement per CHAT_ROWS_PER_INSERT messages, each with seven array parameters whatever
   * its size (a parameter per value would break PostgreSQL's 65,535-parameter limit at 9,363
   * rows). Ids already stored are skipped, so a retried batch stores nothing twice.
   */
  async insertMany(db: Queryable, roomId: string, messages: readonly ChatMessage[]): Promise<void> {
    for (let i = 0; i < messages.length; i += CHAT_ROWS_PER_INSERT) {
      const batch = messages.slice(i, i + CHAT_ROWS_PER_INSERT);
      await db.query(
        `INSERT INTO chat_messages (id, room_id, viewer_id, name, role, body, created_at)
         SELECT m.id, $1, m.viewer_id, m.name, m.role, m.body, m.created_at
           FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[]) AS m(id, viewer_id, name, role, body, created_at)
         ON CONFLICT (id) DO NOTHING`,
        [
          roomId,
          batch.map((m) => m.id),
          batch.map((m) => m.from.id),
          batch.map((m) => m.from.name),
          batch.map((m) => m.from.role),
          batch.map((m) => m.text),
          batch.map((m) => new Date(m.at)),
        ],
      );
    }
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

  /** Stored chat for moderators, newest first (deleted ones flagged). */
  async page(db: Queryable, roomId: string, query: PageQuery) {
    const ks = keyset(query, { key: 'created_at', keyType: 'timestamptz', descending: true }, 2);
    const rows = await db.query<ChatRow & KeysetRow>(
      `SELECT id, viewer_id AS "viewerId", name, role, body, created_at AS "createdAt", deleted_at AS "deletedAt", ${ks.keyColumns}
         FROM chat_messages WHERE room_id = $1 ${ks.where} ${ks.orderLimit}`,
      [roomId, ...ks.params],
    );
    return mapPage(ks.page(rows), toMessage);
  },

  /** A show's chat for its replay: said in [from, to], not deleted, in the order it was said. */
  async window(db: Queryable, roomId: string, span: { from: Date; to: Date }, query: PageQuery) {
    const ks = keyset(query, { key: 'created_at', keyType: 'timestamptz' }, 4);
    const rows = await db.query<ChatRow & KeysetRow>(
      `SELECT id, viewer_id AS "viewerId", name, role, body, created_at AS "createdAt", deleted_at AS "deletedAt", ${ks.keyColumns}
         FROM chat_messages
        WHERE room_id = $1 AND created_at >= $2 AND created_at <= $3 AND deleted_at IS NULL ${ks.where} ${ks.orderLimit}`,
      [roomId, span.from, span.to, ...ks.params],
    );
    return ks.page(rows);
  },
};
