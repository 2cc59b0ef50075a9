import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ViewerCart, ViewerCartItem } from '../../../../src/contracts/cart.schemas';
import { ItemAction, ItemPrice, ItemThumb } from './CartItemView';

/**
 * The explaining card (讲解卡): pops up when the host pins an item, floats over the video above the
 * input row; tapping it opens the product sheet. A viewer may hide it until the next pin. The
 * sales issue's flash-sale countdown and stock left go in `extra`.
 */
export function ExplainingCard({ pinned, onOpen, extra }: { pinned: NonNullable<ViewerCart['pinned']>; onOpen: (item: ViewerCartItem) => void; extra?: ReactNode }) {
  const { t } = useTranslation();
  const [dismissed, setDismissed] = useState<string | null>(null);
  if (pinned.pinnedAt === dismissed) return null;
  const { item } = pinned;
  return (
    <aside className="roomcart-card" aria-label={t('cart.explainingCard')} data-item-id={item.id}>
      <button type="button" className="roomcart-card-open" onClick={() => onOpen(item)} aria-label={t('cart.details', { title: item.title })}>
        <ItemThumb item={item} size="sm" />
      </button>
      <div className="roomcart-card-body">
        <p className="roomcart-card-title">
          <span className="roomcart-explaining">{t('cart.explaining')}</span>
          <span className="roomcart-number">{t('cart.number', { n: item.number })}</span>
          {item.title}
        </p>
        <ItemPrice item={item} />
        {extra}
      </div>
      <ItemAction item={item} />
      <button type="button" className="roomcart-card-close" aria-label={t('cart.closeCard')} onClick={() => setDismissed(pinned.pinnedAt)}>
        ×
      </button>
    </aside>
  );
}
