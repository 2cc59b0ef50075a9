import { viewerCartAnswer, type ViewerCart } from '../../../../src/contracts/cart.schemas';
import { api } from '../../api/client';

/** Public: a room's cart as any viewer sees it. The server has already applied the link policy. */
export const fetchViewerCart = (slug: string, signal: AbortSignal): Promise<ViewerCart> =>
  api.get(`/api/v1/rooms/${encodeURIComponent(slug)}/cart`, viewerCartAnswer, signal);
