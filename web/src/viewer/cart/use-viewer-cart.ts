import { useEffect, useRef, useState } from 'react';
import type { ViewerCart } from '../../../../src/contracts/cart.schemas';
import { useResource, type Resource } from '../../api/use-resource';
import { useRoomEvents } from '../../realtime';
import { fetchViewerCart } from './cart.api';

export interface ViewerCartState {
  /** The last cart read (kept while a reload runs, so the list never flashes empty). */
  data: ViewerCart | undefined;
  status: Resource<ViewerCart>['status'];
  error: unknown;
  /** The item being explained now, live from room events over the last read. */
  pinned: ViewerCart['pinned'];
  reload: () => void;
}

/**
 * A room's cart as a viewer sees it: read over HTTP, then kept current by room events (pinned,
 * unpinned, cart changed) from the room socket.
 */
export function useViewerCart(slug: string): ViewerCartState {
  const [cart, reload] = useResource((signal) => fetchViewerCart(slug, signal), [slug]);
  // Live pin state from events, over what the last HTTP read said (undefined: no event since).
  const [livePin, setLivePin] = useState<ViewerCart['pinned'] | undefined>(undefined);
  const reloadTimer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useRoomEvents(slug, (event) => {
    if (event.type === 'product.pinned') {
      setLivePin({ item: event.item, pinnedAt: event.pinnedAt });
    } else if (event.type === 'product.unpinned') {
      setLivePin((p) => (p === undefined || p === null || p.item.id === event.itemId ? null : p));
    } else if (event.type === 'cart.changed') {
      // Every viewer of a big room hears this at once: spread the reloads over a second, and start
      // after the server's cache window (VIEWER_CART_TTL_MS, 500 ms) so the read is never stale.
      clearTimeout(reloadTimer.current);
      reloadTimer.current = setTimeout(() => {
        setLivePin(undefined);
        reload();
      }, 600 + Math.random() * 1000);
    }
  });
  useEffect(() => () => clearTimeout(reloadTimer.current), []);

  const last = useRef<ViewerCart | undefined>(undefined);
  if (cart.status === 'ok') last.current = cart.data;
  const data = last.current;
  return {
    data,
    status: cart.status,
    error: cart.status === 'error' ? cart.error : null,
    pinned: livePin !== undefined ? livePin : (data?.pinned ?? null),
    reload,
  };
}
