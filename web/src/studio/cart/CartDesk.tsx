import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { StudioCartItem } from '../../../../src/contracts/cart.schemas';
import { useResource } from '../../api/use-resource';
import { usePages } from '../../api/use-pages';
import { useRoomEvents } from '../../realtime';
import { useErrorText } from '../../i18n/errors';
import { useFormat } from '../../shell/format';
import { useSubmit } from '../../shell/forms';
import { ErrorNotice, Loading, MoreButton } from '../../shell/ui';
import { addToCart, listingsPage, loadCartScreen, pinItem, productsPage, removeFromCart, reorderCart, unpinItem } from './studio-cart.api';
import './studio-cart.css';

/**
 * The console's cart: the host builds the room's cart from own products and external listings
 * (numbered 1号链接, 2号链接…), reorders it, and pins the item being explained with one tap.
 * Changes made elsewhere (another host, the API) arrive as room events and refresh it.
 */
export function CartDesk({ shopId, roomId }: { shopId: string; roomId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const errorText = useErrorText();
  const [screen, reload] = useResource((signal) => loadCartScreen(shopId, roomId, signal), [shopId, roomId]);
  const productPages = usePages((after, signal) => productsPage(shopId, after, signal), [shopId]);
  const listingPages = usePages((after, signal) => listingsPage(shopId, after, signal), [shopId]);
  const products = productPages.list.status === 'ok' ? productPages.list.data : [];
  const listings = listingPages.list.status === 'ok' ? listingPages.list.data : [];
  // Another host (or the API) changing this cart shows here at once.
  useRoomEvents(screen.status === 'ok' ? screen.data.room.slug : undefined, (event) => {
    if (event.type === 'cart.changed' || event.type === 'product.pinned' || event.type === 'product.unpinned') reload();
  });
  const { pending, error, run } = useSubmit();
  const act = (action: () => Promise<unknown>) => void run(async () => {
    await action();
    reload();
  });

  if (screen.status === 'loading') return <Loading />;
  if (screen.status === 'error') return <ErrorNotice error={screen.error} onRetry={reload} />;
  const { room, cart } = screen.data;

  const inCart = new Set(cart.items.map((i) => i.refId));
  const ids = cart.items.map((i) => i.id);
  const move = (from: number, to: number) => {
    const next = [...ids];
    const [moved] = next.splice(from, 1);
    next.splice(to, 0, moved!);
    act(() => reorderCart(shopId, roomId, next));
  };

  return (
    <div className="stack studiocart">
      {error !== null && <p className="form-error" role="alert">{errorText(error)}</p>}
      <section className="card">
        <h2>{t('studioCart.items', { n: cart.items.length })}</h2>
        {cart.items.length === 0 ? (
          <p className="muted">
            {t('studioCart.empty')} <Link to="/admin">{t('studioCart.createProduct')}</Link> · <Link to="/admin/listings">{t('studioCart.pasteLink')}</Link>
          </p>
        ) : (
          <ol className="studiocart-list">
            {cart.items.map((item, i) => (
              <CartRow
                key={item.id}
                item={item}
                pinned={cart.pinned?.itemId === item.id}
                money={format.money}
                disabled={pending}
                onUp={i > 0 ? () => move(i, i - 1) : undefined}
                onDown={i < cart.items.length - 1 ? () => move(i, i + 1) : undefined}
                onPin={() => act(() => pinItem(shopId, roomId, item.id))}
                onUnpin={() => act(() => unpinItem(shopId, roomId))}
                onRemove={() => act(() => removeFromCart(shopId, roomId, item.id))}
              />
            ))}
          </ol>
        )}
      </section>
      <section className="card">
        <h2>{t('studioCart.add')}</h2>
        <div className="studiocart-pick">
          <div>
            <h3>{t('studioCart.ownProducts')}</h3>
            {products.length === 0 && (
              <p className="muted">
                <Link to="/admin">{t('studioCart.createProduct')}</Link>
              </p>
            )}
            <ul className="studiocart-candidates">
              {products.filter((p) => !inCart.has(p.id)).map((p) => (
                <li key={p.id} data-product-id={p.id}>
                  <span>{p.title}</span>
                  <span className="muted">{format.money(p.priceMinor, p.currency)}</span>
                  <button type="button" className="button-small" disabled={pending} onClick={() => act(() => addToCart(shopId, roomId, { productId: p.id }))}>
                    {t('studioCart.addButton')}
                  </button>
                </li>
              ))}
            </ul>
            {products.length > 0 && products.every((p) => inCart.has(p.id)) && <p className="muted">{t('studioCart.allInCart')}</p>}
            <MoreButton pages={productPages} />
          </div>
          <div>
            <h3>{t('studioCart.listings')}</h3>
            <ul className="studiocart-candidates">
              {listings.filter((l) => !inCart.has(l.id)).map((l) => (
                <li key={l.id} data-listing-id={l.id}>
                  <span>{l.title}</span>
                  <span className="muted">{t(`links.marketplaces.${l.marketplace}`)}</span>
                  <button type="button" className="button-small" disabled={pending} onClick={() => act(() => addToCart(shopId, roomId, { listingId: l.id }))}>
                    {t('studioCart.addButton')}
                  </button>
                </li>
              ))}
            </ul>
            {listings.length > 0 && listings.every((l) => inCart.has(l.id)) && <p className="muted">{t('studioCart.allInCart')}</p>}
            <MoreButton pages={listingPages} />
            {listingPages.list.status === 'ok' && listings.length === 0 && (
              <p className="muted">
                <Link to="/admin/listings">{t('studioCart.makeListings')}</Link>
              </p>
            )}
          </div>
        </div>
      </section>
    </div>
  );
}

interface RowProps {
  item: StudioCartItem;
  pinned: boolean;
  disabled: boolean;
  money: (minor: number, currency: string) => string;
  onUp: (() => void) | undefined;
  onDown: (() => void) | undefined;
  onPin: () => void;
  onUnpin: () => void;
  onRemove: () => void;
}

function CartRow({ item, pinned, disabled, money, onUp, onDown, onPin, onUnpin, onRemove }: RowProps) {
  const { t } = useTranslation();
  return (
    <li className={`studiocart-row${pinned ? ' studiocart-row-pinned' : ''}`} data-item-id={item.id}>
      <span className="studiocart-number">{t('cart.number', { n: item.number })}</span>
      <span className="studiocart-title">
        {item.title}
        <span className="studiocart-tags">
          <span className={`roomcart-market roomcart-market-${item.marketplace}`}>{t(`links.marketplaces.${item.marketplace}`)}</span>
          {item.policy === 'hidden' && <span className="text-warn">{t('studioCart.hiddenByPolicy')}</span>}
          {item.policy === 'token' && <span className="text-note">{t('studioCart.tokenByPolicy')}</span>}
          {pinned && <span className="roomcart-explaining">{t('cart.explaining')}</span>}
        </span>
      </span>
      <span className="num">{item.priceMinor !== null ? money(item.priceMinor, item.currency) : '—'}</span>
      <span className="studiocart-buttons">
        <button type="button" className="button-secondary button-small" disabled={disabled || !onUp} onClick={onUp} aria-label={t('studioCart.up')}>↑</button>
        <button type="button" className="button-secondary button-small" disabled={disabled || !onDown} onClick={onDown} aria-label={t('studioCart.down')}>↓</button>
        {pinned ? (
          <button type="button" className="button-small" disabled={disabled} onClick={onUnpin}>{t('studioCart.unpin')}</button>
        ) : (
          <button type="button" className="button-small" disabled={disabled || item.policy === 'hidden'} onClick={onPin}>{t('studioCart.pin')}</button>
        )}
        <button type="button" className="button-danger button-small" disabled={disabled} onClick={onRemove}>{t('studioCart.remove')}</button>
      </span>
    </li>
  );
}
