import { newId } from '../../src/kernel/ids';
import type { Queryable } from '../../src/platform/db/db.port';

/** A fresh shop with one room, straight into the tables, for service tests below the HTTP edge. */
export async function insertRoom(db: Queryable): Promise<string> {
  const shopId = newId();
  const roomId = newId();
  await db.query(`INSERT INTO shops (id, slug, name) VALUES ($1, $2, 'S')`, [shopId, `s-${shopId.slice(0, 8)}`]);
  await db.query(`INSERT INTO rooms (id, shop_id, slug, title) VALUES ($1, $2, $3, 'Room')`, [roomId, shopId, `r-${roomId.slice(0, 8)}`]);
  return roomId;
}
