import type { Queryable } from '../platform/db/db.port';
import { keyset, type KeysetRow, type Page } from '../platform/db/keyset';
import type { PageQuery } from '../contracts/pagination.schemas';
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

  /** Public lookups by many ids or slugs at once (discovery names each card's shop). */
  async many(db: Queryable, by: { ids: readonly string[] } | { slugs: readonly string[] }): Promise<Shop[]> {
    const [column, values] = 'ids' in by ? ['id', by.ids] : ['slug', by.slugs];
    if (values.length === 0) return [];
    const rows = await db.query<ShopRow>(
      `SELECT ${shopColumns('s')} FROM shops s WHERE s.${column} = ANY($1::${column === 'id' ? 'uuid' : 'text'}[]) LIMIT 1000`,
      [values],
    );
    return rows.map(toShop);
  },

  async bySlug(db: Queryable, slug: string): Promise<Shop | undefined> {
    const [row] = await db.query<ShopRow>(`SELECT ${shopColumns('s')} FROM shops s WHERE s.slug = $1`, [slug]);
    return row && toShop(row);
  },

  /** Every shop, oldest first: for the operator only. */
  async page(db: Queryable, query: PageQuery): Promise<Page<Shop>> {
    const ks = keyset(query, { key: 's.created_at', keyType: 'timestamptz', id: 's.id' }, 1);
    const { items, next } = ks.page(await db.query<ShopRow & KeysetRow>(`SELECT ${shopColumns('s')}, ${ks.keyColumns} FROM shops s WHERE true ${ks.where} ${ks.orderLimit}`, ks.params));
    return { items: items.map(toShop), next };
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

  /** Longest-standing first. */
  async members(db: Queryable, shopId: string, query: PageQuery): Promise<Page<MemberRow>> {
    const ks = keyset(query, { key: 'm.created_at', keyType: 'timestamptz', id: 'm.user_id' }, 2);
    return ks.page(
      await db.query<MemberRow & KeysetRow>(
        `SELECT u.id AS "userId", u.email, u.display_name AS "displayName", m.role, ${ks.keyColumns}
         FROM shop_members m JOIN users u ON u.id = m.user_id WHERE m.shop_id = $1 ${ks.where} ${ks.orderLimit}`,
        [shopId, ...ks.params],
      ),
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
