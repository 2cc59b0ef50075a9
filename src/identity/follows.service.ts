import type { Db } from '../platform/db/db.port';
import type { Clock } from '../kernel/clock';
import { AppError } from '../kernel/app-error';
import { keyset, type KeysetRow } from '../platform/db/keyset';
import type { PageQuery } from '../contracts/pagination.schemas';
import type { Follow } from '../contracts/discovery.schemas';
import type { Shop } from '../contracts/identity.schemas';
import { shopsRepo } from './shops.repo';

interface FollowRow {
  slug: string;
  name: string;
  shopId: string;
  followedAt: Date;
}

/**
 * Accounts following shops. Each account sees and changes only its own follows (the caller's id
 * comes from its session, never from the request); a shop's follower count is public.
 */
export function createFollows({ db, clock }: { db: Db; clock: Clock }) {
  async function shopBySlug(slug: string): Promise<Shop> {
    const shop = await shopsRepo.bySlug(db, slug);
    if (!shop) throw new AppError('IDENTITY_SHOP_NOT_FOUND');
    return shop;
  }

  async function followers(shopId: string): Promise<number> {
    const [row] = await db.query<{ n: string }>(`SELECT count(*) AS n FROM shop_follows WHERE shop_id = $1`, [shopId]);
    return Number(row?.n ?? 0);
  }

  return {
    shopBySlug,
    followers,

    async isFollowing(userId: string, shopId: string): Promise<boolean> {
      const rows = await db.query(`SELECT 1 FROM shop_follows WHERE user_id = $1 AND shop_id = $2`, [userId, shopId]);
      return rows.length > 0;
    },

    /** Follows the shop; following it again keeps the first date. */
    async follow(userId: string, slug: string): Promise<{ follow: Follow; followers: number }> {
      const shop = await shopBySlug(slug);
      await db.query(
        `INSERT INTO shop_follows (user_id, shop_id, followed_at) VALUES ($1, $2, $3) ON CONFLICT (user_id, shop_id) DO NOTHING`,
        [userId, shop.id, clock.now()],
      );
      const [row] = await db.query<{ followedAt: Date }>(
        `SELECT followed_at AS "followedAt" FROM shop_follows WHERE user_id = $1 AND shop_id = $2`,
        [userId, shop.id],
      );
      return {
        follow: { shop: { slug: shop.slug, name: shop.name }, followedAt: (row?.followedAt ?? clock.now()).toISOString() },
        followers: await followers(shop.id),
      };
    },

    /** Stops following; not following is no error. */
    async unfollow(userId: string, slug: string): Promise<void> {
      const shop = await shopBySlug(slug);
      await db.query(`DELETE FROM shop_follows WHERE user_id = $1 AND shop_id = $2`, [userId, shop.id]);
    },

    /** The account's follows, newest first. */
    async list(userId: string, query: PageQuery): Promise<{ follows: Follow[]; next: string | null }> {
      const ks = keyset(query, { key: 'f.followed_at', keyType: 'timestamptz', id: 'f.shop_id', descending: true }, 2);
      const rows = await db.query<FollowRow & KeysetRow>(
        `SELECT s.slug, s.name, f.shop_id AS "shopId", f.followed_at AS "followedAt", ${ks.keyColumns}
         FROM shop_follows f JOIN shops s ON s.id = f.shop_id
         WHERE f.user_id = $1 ${ks.where} ${ks.orderLimit}`,
        [userId, ...ks.params],
      );
      const { items, next } = ks.page(rows);
      return { follows: items.map((r) => ({ shop: { slug: r.slug, name: r.name }, followedAt: r.followedAt.toISOString() })), next };
    },
  };
}

export type Follows = ReturnType<typeof createFollows>;
