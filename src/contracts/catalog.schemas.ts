import { z } from 'zod';
import { text } from './text.schemas';
import { shopParams } from './identity.schemas';
import { marketplace, marketplaces, type Marketplace } from './links.schemas';
import { pageAnswer } from './pagination.schemas';

/** Products of a shop. Prices are integer minor units (fen for CNY) so sums never round. */

export const currency = z.enum(['CNY', 'USD', 'EUR']);

/** An uploaded image, served at `url` (immutable: a changed picture is a new image). */
export const imageRef = z.object({ id: z.string().uuid(), url: z.string() });
export const image = imageRef.extend({ contentType: z.string(), bytes: z.number().int(), width: z.number().int(), height: z.number().int() });
export const imageAnswer = z.object({ image });
export const imageParams = z.object({ imageId: z.string().uuid() });

/** An option such as 颜色 with its values 红 / 蓝; SKUs pick one value of every option. */
const optionText = text({ max: 30 });
export const productOption = z.object({ name: optionText, values: z.array(optionText).min(1).max(30) });
export const sku = z.object({
  id: z.string().uuid(),
  /** Option name → chosen value, one entry per option of the product. */
  options: z.record(z.string(), z.string()),
  priceMinor: z.number().int(),
  stock: z.number().int(),
});
export type Sku = z.infer<typeof sku>;
export const skuInput = z.object({
  options: z.record(optionText, optionText),
  priceMinor: z.number().int().min(0).max(10_000_000_000),
  stock: z.number().int().min(0).max(10_000_000),
});
export type SkuInput = z.infer<typeof skuInput>;
export const MAX_SKUS = 200;

export const product = z.object({
  id: z.string().uuid(),
  title: z.string(),
  description: z.string(),
  priceMinor: z.number().int(),
  currency,
  stock: z.number().int(),
  createdAt: z.string(),
  images: z.array(imageRef).default([]),
  options: z.array(productOption).default([]),
  skus: z.array(sku).default([]),
});
export type Product = z.infer<typeof product>;

/** A product as any visitor may see it on its own page (/p/ID), with its shop. */
export const publicProductAnswer = z.object({
  product: product.omit({ createdAt: true }),
  shop: z.object({ slug: z.string(), name: z.string() }),
});

const productFields = {
  title: text({ max: 120 }),
  description: text({ max: 10_000, min: 0, multiline: true }),
  priceMinor: z.number().int().min(0).max(10_000_000_000),
  currency,
  stock: z.number().int().min(0).max(10_000_000),
  imageIds: z.array(z.string().uuid()).max(9),
  options: z.array(productOption).max(3),
  skus: z.array(skuInput).max(MAX_SKUS),
};
export const createProductBody = z.object({
  ...productFields,
  description: productFields.description.default(''),
  currency: currency.default('CNY'),
  stock: productFields.stock.default(0),
  imageIds: productFields.imageIds.default([]),
  options: productFields.options.default([]),
  skus: productFields.skus.default([]),
});
/** No defaults here: a field left out of a change stays as it is. */
export const updateProductBody = z.object(productFields).partial();
export const productAnswer = z.object({ product });
export const productsAnswer = pageAnswer('products', product);
export const productParams = shopParams.extend({ productId: z.string().uuid() });

/**
 * External listings: a link to an item on another marketplace, made by pasting its URL. hutong
 * recognises the marketplace and item id (never fetching the URL) and keeps a canonical link.
 */
/** Commission rates are basis points: 1,000 = 10 %. */
export const commissionRateBp = z.number().int().min(0).max(10_000);
export const listing = z.object({
  id: z.string().uuid(),
  marketplace,
  itemId: z.string().nullable(),
  canonicalUrl: z.string(),
  title: z.string(),
  priceMinor: z.number().int().nullable(),
  currency,
  image: imageRef.nullable(),
  /** The listing's own rate, or null to use the shop's default for its marketplace. */
  commissionRateBp: commissionRateBp.nullable(),
  effectiveCommissionRateBp: z.number().int(),
  enabled: z.boolean(),
  createdAt: z.string(),
});
export type Listing = z.infer<typeof listing>;
const listingFields = {
  title: text({ max: 120 }),
  priceMinor: z.number().int().min(0).max(10_000_000_000).nullable(),
  currency,
  imageId: z.string().uuid().nullable(),
  commissionRateBp: commissionRateBp.nullable(),
  enabled: z.boolean(),
};
export const createListingBody = z.object({
  url: z.string().max(4096),
  ...listingFields,
  priceMinor: listingFields.priceMinor.default(null),
  currency: currency.default('CNY'),
  imageId: listingFields.imageId.default(null),
  commissionRateBp: listingFields.commissionRateBp.default(null),
  enabled: listingFields.enabled.default(true),
});
export const updateListingBody = z.object(listingFields).partial();
export const listingAnswer = z.object({ listing });
export const listingsAnswer = pageAnswer('listings', listing);
export const listingParams = shopParams.extend({ listingId: z.string().uuid() });

/**
 * One rate per marketplace, as an object naming every marketplace rather than a record keyed by the
 * enum: the OpenAPI document then lists the keys, so the typed SDK knows each rate is there.
 */
const ratePerMarketplace = z.object(Object.fromEntries(marketplaces.map((m) => [m, commissionRateBp])) as Record<Marketplace, typeof commissionRateBp>);

/** A shop's default commission rates: own goods, and each marketplace. */
export const commissionRates = z.object({
  own: commissionRateBp,
  marketplaces: ratePerMarketplace,
});
export type CommissionRates = z.infer<typeof commissionRates>;
export const commissionRatesAnswer = z.object({ rates: commissionRates });
export const setCommissionRatesBody = z.object({
  own: commissionRateBp.optional(),
  // Strict: a marketplace this server does not know is refused, not silently dropped.
  marketplaces: z.strictObject(ratePerMarketplace.shape).partial().optional(),
});
