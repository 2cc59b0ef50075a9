import { useTranslation } from 'react-i18next';
import type { ViewerCartItem } from '../../../../src/contracts/cart.schemas';
import { ErrorNotice, Loading } from '../../shell/ui';
import { CartItemView } from './CartItemView';
import type { ViewerCartState } from './use-viewer-cart';

/**
 * Every item of the room's cart, in the host's order: the phone's bottom sheet and the desktop's
 * left column. `onClose` is for the sheet (the column stays).
 */
export function CartList({ cart, onOpenItem, onClose }: { cart: ViewerCartState; onOpenItem: (item: ViewerCartItem) => void; onClose?: () => void }) {
  const { t } = useTranslation();
  const { data, pinned } = cart;
  const count = data?.items.length ?? 0;
  return (
    <section className="roomcart-list-panel" aria-label={t('cart.title')}>
      <header className="roomcart-list-head">
        <h2>{t('cart.title')}</h2>
        <span className="muted">{t('cart.count', { n: count })}</span>
        {onClose && (
          <button type="button" className="button-link" onClick={onClose}>
            {t('cart.close')}
          </button>
        )}
      </header>
      {cart.status === 'loading' && !data && <Loading />}
      {cart.status === 'error' && <ErrorNotice error={cart.error} onRetry={cart.reload} />}
      {data && data.items.length === 0 && <p className="muted">{t('cart.empty')}</p>}
      {data && data.items.length > 0 && (
        <ol className="roomcart-list">
          {data.items.map((item) => (
            <CartItemView key={item.id} item={item} pinned={pinned?.item.id === item.id} onOpen={() => onOpenItem(item)} />
          ))}
        </ol>
      )}
    </section>
  );
}
