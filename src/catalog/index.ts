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
import type { ItemChange } from './item-change';

export { createProducts, type Products } from './products.service';
export { productsRoutes } from './products.routes';
export { imagesRoutes } from './images.routes';
export { listingsRoutes } from './listings.routes';
export type { Listings, ListingTarget } from './listings.service';
export type { Images } from './images.service';
export type { Commission } from './commission';
export { IMAGE_MAX_BYTES, IMAGE_MAX_SIDE } from './images.service';

export type { ItemChange } from './item-change';
const noWatcher: ItemChange = async () => async () => {};

export function createCatalog({ db, blobs, itemChange = noWatcher }: { db: Db; blobs: BlobStore; itemChange?: ItemChange }) {
  const images = createImages({ db, blobs });
  const commission = createCommission({ db });
  return {
    images,
    commission,
    products: createProducts({ db, images, itemChange }),
    listings: createListings({ db, images, commission, itemChange }),
  };
}

export type Catalog = ReturnType<typeof createCatalog>;
