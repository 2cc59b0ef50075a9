import type { Queryable } from '../platform/db/db.port';
import { keyset, type KeysetRow, type Page } from '../platform/db/keyset';
import type { PageQuery } from '../contracts/pagination.schemas';
import type { Room } from '../contracts/live.schemas';

export interface RoomRow {
  id: string;
  shopId: string;
  slug: string;
  title: string;
  createdAt: Date;
}

const columns = `id, shop_id AS "shopId", slug, title, created_at AS "createdAt"`;
export const toRoom = (r: RoomRow): Room => ({ id: r.id, slug: r.slug, title: r.title, createdAt: r.createdAt.toISOString() });

export const roomsRepo = {
  async insert(db: Queryable, room: { id: string; shopId: string; slug: string; title: string }): Promise<RoomRow> {
    const [row] = await db.query<RoomRow>(
      `INSERT INTO rooms (id, shop_id, slug, title) VALUES ($1, $2, $3, $4) RETURNING ${columns}`,
      [room.id, room.shopId, room.slug, room.title],
    );
    return row!;
  },

  /** Oldest first. */
  async pageOfShop(db: Queryable, shopId: string, query: PageQuery): Promise<Page<RoomRow>> {
    const ks = keyset(query, { key: 'created_at', keyType: 'timestamptz' }, 2);
    return ks.page(await db.query<RoomRow & KeysetRow>(`SELECT ${columns}, ${ks.keyColumns} FROM rooms WHERE shop_id = $1 ${ks.where} ${ks.orderLimit}`, [shopId, ...ks.params]));
  },

  /** By id or by slug (public: rooms are meant to be found by anyone with the link). */
  async find(db: Queryable, where: { id: string } | { slug: string }): Promise<RoomRow | undefined> {
    const [row] = await db.query<RoomRow>(
      `SELECT ${columns} FROM rooms WHERE ${'id' in where ? 'id' : 'slug'} = $1`,
      ['id' in where ? where.id : where.slug],
    );
    return row;
  },
};
