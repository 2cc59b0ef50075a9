/**
 * Catalog: a shop's products (images, options, SKUs), external listings on other marketplaces,
 * and default commission rates. Images live in the blob store.
 */
import type { Db } from '../platform/db/db.port';
import type { BlobStore } from '../platform/blob/blob.port';
import { createCommission } from './commission';
import { createImages } from './images.service';
import { createListings } from './listings.service';
import { createProducts } from './products.service';
import { createStock } from './stock';
import type { ItemChange } from './item-change';

export { createProducts, type Products } from './products.service';
export { productsRoutes } from './products.routes';
export { publicProductRoutes } from './public-product.routes';
export { imagesRoutes } from './images.routes';
export { listingsRoutes } from './listings.routes';
export type { Listings, ListingTarget } from './listings.service';
export type { Images } from './images.service';
export type { Commission } from './commission';
export { IMAGE_MAX_BYTES, IMAGE_MAX_SIDE } from './images.service';

export type { ItemChange } from './item-change';
export type { Stock, StockLine, StockShort } from './stock';

export function createCatalog({ db, blobs }: { db: Db; blobs: BlobStore }) {
  const images = createImages({ db, blobs });
  const commission = createCommission({ db });
  const watchers = new Set<ItemChange>();
  // Every watcher is told before the change, and called back once it has committed.
  const itemChange: ItemChange = async (ref) => {
    const afterwards = await Promise.all([...watchers].map((watch) => watch(ref)));
    return async () => {
      for (const after of afterwards) await after();
    };
  };
  return {
    images,
    commission,
    products: createProducts({ db, images, itemChange }),
    listings: createListings({ db, images, commission, itemChange }),
    /** Taking and giving back units inside the seller's transaction (sales). */
    stock: createStock({ db }),
    /** Watches products and listings (see ItemChange): the room cart reloads the rooms showing one. */
    onItemChange(watcher: ItemChange): () => void {
      watchers.add(watcher);
      return () => watchers.delete(watcher);
    },
  };
}

export type Catalog = ReturnType<typeof createCatalog>;
