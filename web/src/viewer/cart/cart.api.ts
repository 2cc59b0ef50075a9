import { viewerCartItemAnswer, type ViewerCartItemDetail } from '../../../../src/contracts/cart-item.schemas';
import { viewerCartAnswer, type ViewerCart } from '../../../../src/contracts/cart.schemas';
import { api } from '../../api/client';

/** Public: a room's cart as any viewer sees it. The server has already applied the link policy. */
export const fetchViewerCart = (slug: string, signal: AbortSignal): Promise<ViewerCart> =>
  api.get(`/api/v1/rooms/${encodeURIComponent(slug)}/cart`, viewerCartAnswer, signal);

/** Public: one item of a room's cart in full (pictures, description, options and SKUs), for the product sheet. */
export const fetchItemDetail = async (slug: string, itemId: string, signal: AbortSignal): Promise<ViewerCartItemDetail> =>
  (await api.get(`/api/v1/rooms/${encodeURIComponent(slug)}/cart/items/${encodeURIComponent(itemId)}`, viewerCartItemAnswer, signal)).item;
