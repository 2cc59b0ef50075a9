import type { Queryable } from '../platform/db/db.port';
import type { Membership, Shop, ShopRole } from '../contracts/identity.schemas';

interface ShopRow {
  id: string;
  slug: string;
  name: string;
  createdAt: Date;
}

const toShop = (r: ShopRow): Shop => ({ id: r.id, slug: r.slug, name: r.name, createdAt: r.createdAt.toISOString() });
const shopColumns = (t: string) => `${t}.id, ${t}.slug, ${t}.name, ${t}.created_at AS "createdAt"`;

export interface MemberRow {
  userId: string;
  email: string;
  displayName: string;
  role: ShopRole;
}

export const shopsRepo = {
  async insert(db: Queryable, shop: { id: string; slug: string; name: string }): Promise<Shop> {
    const [row] = await db.query<ShopRow>(
      `INSERT INTO shops (id, slug, name) VALUES ($1, $2, $3) RETURNING ${shopColumns('shops')}`,
      [shop.id, shop.slug, shop.name],
    );
    return toShop(row!);
  },

  async byId(db: Queryable, id: string): Promise<Shop | undefined> {
    const [row] = await db.query<ShopRow>(`SELECT ${shopColumns('s')} FROM shops s WHERE s.id = $1`, [id]);
    return row && toShop(row);
  },

  async bySlug(db: Queryable, slug: string): Promise<Shop | undefined> {
    const [row] = await db.query<ShopRow>(`SELECT ${shopColumns('s')} FROM shops s WHERE s.slug = $1`, [slug]);
    return row && toShop(row);
  },

  /** Every shop: for the operator only. Bounded; paging arrives when a platform outgrows it. */
  async all(db: Queryable, limit = 500): Promise<Shop[]> {
    const rows = await db.query<ShopRow>(`SELECT ${shopColumns('s')} FROM shops s ORDER BY s.created_at LIMIT $1`, [
      limit,
    ]);
    return rows.map(toShop);
  },

  async membershipsOf(db: Queryable, userId: string): Promise<Membership[]> {
    const rows = await db.query<ShopRow & { role: ShopRole }>(
      `SELECT ${shopColumns('s')}, m.role FROM shop_members m JOIN shops s ON s.id = m.shop_id
       WHERE m.user_id = $1 ORDER BY s.created_at`,
      [userId],
    );
    return rows.map((r) => ({ shop: toShop(r), role: r.role }));
  },

  async roleOf(db: Queryable, shopId: string, userId: string): Promise<ShopRole | undefined> {
    const [row] = await db.query<{ role: ShopRole }>(
      `SELECT role FROM shop_members WHERE shop_id = $1 AND user_id = $2`,
      [shopId, userId],
    );
    return row?.role;
  },

  async members(db: Queryable, shopId: string): Promise<MemberRow[]> {
    return db.query<MemberRow>(
      `SELECT u.id AS "userId", u.email, u.display_name AS "displayName", m.role
       FROM shop_members m JOIN users u ON u.id = m.user_id WHERE m.shop_id = $1 ORDER BY m.created_at`,
      [shopId],
    );
  },

  /** Adds or changes a member's role. */
  async upsertMember(db: Queryable, shopId: string, userId: string, role: ShopRole): Promise<void> {
    await db.query(
      `INSERT INTO shop_members (shop_id, user_id, role) VALUES ($1, $2, $3)
       ON CONFLICT (shop_id, user_id) DO UPDATE SET role = EXCLUDED.role`,
      [shopId, userId, role],
    );
  },

  async removeMember(db: Queryable, shopId: string, userId: string): Promise<boolean> {
    const rows = await db.query(`DELETE FROM shop_members WHERE shop_id = $1 AND user_id = $2 RETURNING user_id`, [
      shopId,
      userId,
    ]);
    return rows.length > 0;
  },

  /** Locks the shop's owner rows so two concurrent removals cannot leave it without an owner. */
  async lockOwners(db: Queryable, shopId: string): Promise<string[]> {
    const rows = await db.query<{ userId: string }>(
      `SELECT user_id AS "userId" FROM shop_members WHERE shop_id = $1 AND role = 'owner' FOR UPDATE`,
      [shopId],
    );
    return rows.map((r) => r.userId);
  },
};
