import { typed } from '../../api/client';
import { sdk, type Answer } from '../../api/sdk';

export type ViewerCartItemDetail = Answer<'/api/v1/rooms/{slug}/cart/items/{itemId}'>['item'];

/** Public: a room's cart as any viewer sees it. The server has already applied the link policy. */
export const fetchViewerCart = (slug: string, signal: AbortSignal) =>
  typed(sdk.GET('/api/v1/rooms/{slug}/cart', { params: { path: { slug } }, signal }), signal);

/** Public: one item of a room's cart in full (pictures, description, options and SKUs), for the product sheet. */
export const fetchItemDetail = async (slug: string, itemId: string, signal: AbortSignal): Promise<ViewerCartItemDetail> =>
  (await typed(sdk.GET('/api/v1/rooms/{slug}/cart/items/{itemId}', { params: { path: { slug, itemId } }, signal }), signal)).item;
