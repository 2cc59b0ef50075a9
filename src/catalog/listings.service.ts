import type { Db, Queryable } from '../platform/db/db.port';
import { keyset, type KeysetRow, type Page } from '../platform/db/keyset';
import type { PageQuery } from '../contracts/pagination.schemas';
import { AppError } from '../kernel/app-error';
import { newId } from '../kernel/ids';
import type { Listing } from '../contracts/catalog.schemas';
import type { Marketplace } from '../contracts/links.schemas';
import { recogniseOrThrow } from '../links';
import type { Commission } from './commission';
import { imageUrl, type Images } from './images.service';
import type { ItemChange } from './item-change';

interface ListingRow {
  id: string;
  shopId: string;
  marketplace: Marketplace;
  itemId: string | null;
  canonicalUrl: string;
  title: string;
  priceMinor: string | null;
  currency: Listing['currency'];
  imageId: string | null;
  commissionRateBp: number | null;
  enabled: boolean;
  createdAt: Date;
}

const columns = `id, shop_id AS "shopId", marketplace, item_id AS "itemId", canonical_url AS "canonicalUrl", title,
  price_minor AS "priceMinor", currency, image_id AS "imageId", commission_rate_bp AS "commissionRateBp", enabled,
  created_at AS "createdAt"`;

export interface ListingInput {
  url: string;
  title: string;
  priceMinor: number | null;
  currency: Listing['currency'];
  imageId: string | null;
  commissionRateBp: number | null;
  enabled: boolean;
}

/** What the click-out needs to send a viewer on: no title, no price, just where and whether. */
export interface ListingTarget {
  shopId: string;
  marketplace: Marketplace;
  canonicalUrl: string;
  enabled: boolean;
  title: string;
}

/**
 * External listings: links to items on other marketplaces. The pasted URL is recognised (never
 * fetched); only the canonical link is kept, so tracking parameters of whoever shared it are gone.
 */
export function createListings({ db, images, commission, itemChange }: { db: Db; images: Pick<Images, 'assertOwned'>; commission: Commission; itemChange: ItemChange }) {
  /** Runs `change`, then tells the watcher (after commit) that the listing changed. */
  async function watched<T>(listingId: string, change: () => Promise<T>): Promise<T> {
    const afterwards = await itemChange({ listingId });
    const result = await change();
    await afterwards();
    return result;
  }

  async function toListings(queryable: Queryable, shopId: string, rows: ListingRow[]): Promise<Listing[]> {
    const rates = await commission.get(shopId, queryable);
    return rows.map((r) => ({
      id: r.id,
      marketplace: r.marketplace,
      itemId: r.itemId,
      canonicalUrl: r.canonicalUrl,
      title: r.title,
      priceMinor: r.priceMinor === null ? null : Number(r.priceMinor),
      currency: r.currency,
      image: r.imageId ? { id: r.imageId, url: imageUrl(r.imageId) } : null,
      commissionRateBp: r.commissionRateBp,
      effectiveCommissionRateBp: r.commissionRateBp ?? rates.marketplaces[r.marketplace],
      enabled: r.enabled,
      createdAt: r.createdAt.toISOString(),
    }));
  }

  async function getRow(queryable: Queryable, shopId: string, id: string): Promise<ListingRow> {
    const [row] = await queryable.query<ListingRow>(`SELECT ${columns} FROM external_listings WHERE shop_id = $1 AND id = $2`, [shopId, id]);
    if (!row) throw new AppError('CATALOG_LISTING_NOT_FOUND');
    return row;
  }

  return {
    async create(shopId: string, input: ListingInput): Promise<Listing> {
      const link = recogniseOrThrow(input.url);
      return db.transaction(async (tx) => {
        if (input.imageId) await images.assertOwned(tx, shopId, [input.imageId]);
        const [row] = await tx.query<ListingRow>(
          `INSERT INTO external_listings (id, shop_id, marketplace, item_id, canonical_url, title, price_minor, currency, image_id, commission_rate_bp, enabled)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${columns}`,
          [newId(), shopId, link.marketplace, link.itemId, link.canonicalUrl, input.title, input.priceMinor, input.currency,
            input.imageId, input.commissionRateBp, input.enabled],
        );
        return (await toListings(tx, shopId, [row!]))[0]!;
      });
    },

    /** Oldest first. */
    async list(shopId: string, query: PageQuery): Promise<Page<Listing>> {
      const ks = keyset(query, { key: 'created_at', keyType: 'timestamptz' }, 2);
      const { items, next } = ks.page(
        await db.query<ListingRow & KeysetRow>(
          `SELECT ${columns}, ${ks.keyColumns} FROM external_listings WHERE shop_id = $1 ${ks.where} ${ks.orderLimit}`,
          [shopId, ...ks.params],
        ),
      );
      return { items: await toListings(db, shopId, items), next };
    },

    async get(shopId: string, id: string): Promise<Listing> {
      return (await toListings(db, shopId, [await getRow(db, shopId, id)]))[0]!;
    },

    /** Listings of this shop among `ids` (others' ids are silently absent), by id. */
    async byIds(shopId: string, ids: readonly string[]): Promise<Map<string, Listing>> {
      if (ids.length === 0) return new Map();
      const rows = await db.query<ListingRow>(`SELECT ${columns} FROM external_listings WHERE shop_id = $1 AND id = ANY($2::uuid[])`, [shopId, ids]);
      return new Map((await toListings(db, shopId, rows)).map((l) => [l.id, l]));
    },

    async update(shopId: string, id: string, patch: Partial<Omit<ListingInput, 'url'>>): Promise<Listing> {
      return watched(id, () => db.transaction(async (tx) => {
        await getRow(tx, shopId, id);
        if (patch.imageId) await images.assertOwned(tx, shopId, [patch.imageId]);
        const sets: string[] = [];
        const params: unknown[] = [shopId, id];
        const set = (column: string, value: unknown) => {
          params.push(value);
          sets.push(`${column} = $${params.length}`);
        };
        if (patch.title !== undefined) set('title', patch.title);
        if (patch.priceMinor !== undefined) set('price_minor', patch.priceMinor);
        if (patch.currency !== undefined) set('currency', patch.currency);
        if (patch.imageId !== undefined) set('image_id', patch.imageId);
        if (patch.commissionRateBp !== undefined) set('commission_rate_bp', patch.commissionRateBp);
        if (patch.enabled !== undefined) set('enabled', patch.enabled);
        if (sets.length > 0) await tx.query(`UPDATE external_listings SET ${sets.join(', ')} WHERE shop_id = $1 AND id = $2`, params);
        return (await toListings(tx, shopId, [await getRow(tx, shopId, id)]))[0]!;
      }));
    },

    async remove(shopId: string, id: string): Promise<void> {
      await watched(id, async () => {
        const gone = await db.query(`DELETE FROM external_listings WHERE shop_id = $1 AND id = $2 RETURNING id`, [shopId, id]);
        if (gone.length === 0) throw new AppError('CATALOG_LISTING_NOT_FOUND');
      });
    },

    /** For the click-out: where a listing leads, by id alone (the code already names it). */
    async target(id: string): Promise<ListingTarget | undefined> {
      const [row] = await db.query<ListingTarget>(
        `SELECT shop_id AS "shopId", marketplace, canonical_url AS "canonicalUrl", enabled, title FROM external_listings WHERE id = $1`,
        [id],
      );
      return row;
    },

    /** Shops and listings of one marketplace, for announcing a policy change to the rooms showing them. */
    async idsOfMarketplace(marketplace: Marketplace): Promise<string[]> {
      return (await db.query<{ id: string }>(`SELECT id FROM external_listings WHERE marketplace = $1`, [marketplace])).map((r) => r.id);
    },
  };
}

export type Listings = ReturnType<typeof createListings>;
