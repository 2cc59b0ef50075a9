import type { Queryable } from '../platform/db/db.port';
import type { Room } from '../contracts/live.schemas';

interface RoomRow {
  id: string;
  shopId: string;
  slug: string;
  title: string;
  createdAt: Date;
}

const columns = `id, shop_id AS "shopId", slug, title, created_at AS "createdAt"`;
export const toRoom = (r: RoomRow): Room => ({ id: r.id, slug: r.slug, title: r.title, createdAt: r.createdAt.toISOString() });

export const roomsRepo = {
  async insert(db: Queryable, r: { id: string; shopId: string; slug: string; title: string }): Promise<RoomRow> {
    const [row] = await db.query<RoomRow>(
      `INSERT INTO rooms (id, shop_id, slug, title) VALUES ($1, $2, $3, $4) RETURNING ${columns}`,
      [r.id, r.shopId, r.slug, r.title],
    );
    return row!;
  },

  async listOfShop(db: Queryable, shopId: string): Promise<RoomRow[]> {
    return db.query<RoomRow>(`SELECT ${columns} FROM rooms WHERE shop_id = $1 ORDER BY created_at LIMIT 500`, [shopId]);
  },

  /** Public lookup by slug: rooms are meant to be found by anyone with the link. */
  async bySlug(db: Queryable, slug: string): Promise<RoomRow | undefined> {
    const [row] = await db.query<RoomRow>(`SELECT ${columns} FROM rooms WHERE slug = $1`, [slug]);
    return row;
  },
};
