import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ViewerCart } from '../../../../src/contracts/cart.schemas';
import { useResource } from '../../api/use-resource';
import { useRoomEvents } from '../../realtime';
import { useFormat } from '../../shell/format';
import { ErrorNotice, Loading } from '../../shell/ui';
import { fetchViewerCart } from './cart.api';
import { CartItemView, ItemAction, ItemThumb } from './CartItemView';

/**
 * The viewer's cart layer over the video: the cart button (小黄车) with its count, the drawer with
 * every item, and the explaining card (讲解卡) that pops up when the host pins an item. The cart is
 * read over HTTP; room events (pinned, unpinned, cart changed) arrive over the room socket.
 */
export function RoomCart({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [open, setOpen] = useState(false);
  const [cart, reload] = useResource((signal) => fetchViewerCart(slug, signal), [slug]);
  // Live pin state from events, over what the last HTTP read said (undefined: no event since).
  const [livePin, setLivePin] = useState<ViewerCart['pinned'] | undefined>(undefined);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const reloadTimer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useRoomEvents(slug, (event) => {
    if (event.type === 'product.pinned') {
      setLivePin({ item: event.item, pinnedAt: event.pinnedAt });
      setDismissed(null);
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

  // While a reload runs, keep showing the last cart rather than flashing an empty one.
  const last = useRef<ViewerCart | undefined>(undefined);
  if (cart.status === 'ok') last.current = cart.data;
  const data = last.current;
  const pinned = livePin !== undefined ? livePin : (data?.pinned ?? null);
  const count = data?.items.length ?? 0;
  const showCard = pinned && pinned.pinnedAt !== dismissed;

  return (
    <div className="roomcart">
      {showCard && (
        <aside className="roomcart-card" aria-label={t('cart.explainingCard')} data-item-id={pinned.item.id}>
          <ItemThumb item={pinned.item} size="sm" />
          <div className="roomcart-card-body">
            <p className="roomcart-card-title">
              <span className="roomcart-explaining">{t('cart.explaining')}</span>
              <span className="roomcart-number">{t('cart.number', { n: pinned.item.number })}</span>
              {pinned.item.title}
            </p>
            {pinned.item.priceMinor !== null && (
              <strong className="roomcart-price">{format.money(pinned.item.priceMinor, pinned.item.currency)}</strong>
            )}
          </div>
          <ItemAction item={pinned.item} />
          <button type="button" className="roomcart-card-close" aria-label={t('cart.closeCard')} onClick={() => setDismissed(pinned.pinnedAt)}>
            ×
          </button>
        </aside>
      )}
      <button type="button" className="roomcart-button" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        <svg className="roomcart-icon" viewBox="0 0 24 24" aria-hidden="true">
          <path d="M6 7h12l1 13H5L6 7z" fill="currentColor" />
          <path d="M9 9V6a3 3 0 0 1 6 0v3" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
        {t('cart.open')}
        <span className="roomcart-count" data-testid="cart-count">{count}</span>
      </button>
      {open && (
        <section className="roomcart-drawer" role="dialog" aria-label={t('cart.title')}>
          <header className="roomcart-drawer-head">
            <h2>{t('cart.title')}</h2>
            <span className="muted">{t('cart.count', { n: count })}</span>
            <button type="button" className="button-link" onClick={() => setOpen(false)}>
              {t('cart.close')}
            </button>
          </header>
          {cart.status === 'loading' && !data && <Loading />}
          {cart.status === 'error' && <ErrorNotice error={cart.error} onRetry={reload} />}
          {data && data.items.length === 0 && <p className="muted">{t('cart.empty')}</p>}
          {data && data.items.length > 0 && (
            <ol className="roomcart-list">
              {data.items.map((item) => (
                <CartItemView key={item.id} item={item} pinned={pinned?.item.id === item.id} />
              ))}
            </ol>
          )}
        </section>
      )}
    </div>
  );
}
