import { z } from 'zod';
import { productOption, sku } from './catalog.schemas';
import { viewerCartItem } from './cart.schemas';

/**
 * One item of a room's cart in full, for the product sheet a viewer opens in the room: every
 * picture, the description, and for own products the options and SKUs (price and stock each).
 */
export const viewerCartItemDetail = viewerCartItem.extend({
  description: z.string(),
  images: z.array(z.string()),
  options: z.array(productOption),
  skus: z.array(sku),
});
export type ViewerCartItemDetail = z.infer<typeof viewerCartItemDetail>;
export const viewerCartItemAnswer = z.object({ item: viewerCartItemDetail });
export const viewerCartItemParams = z.object({ slug: z.string().min(1).max(40), itemId: z.string().uuid() });
