import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ViewerCartItem } from '../../../../src/contracts/cart.schemas';
import { useFormat } from '../../shell/format';

/** The picture of an item, or its first character on a tile when it has none. */
export function ItemThumb({ item, size = 'md' }: { item: ViewerCartItem; size?: 'sm' | 'md' }) {
  return item.imageUrl ? (
    <img className={`roomcart-thumb roomcart-thumb-${size}`} src={item.imageUrl} alt="" loading="lazy" />
  ) : (
    <span className={`roomcart-thumb roomcart-thumb-${size} roomcart-thumb-empty`} aria-hidden="true">
      {Array.from(item.title)[0]}
    </span>
  );
}

/** How a viewer acts on an item: leave through /go/CODE, copy a token, or (own goods) buy here. */
export function ItemAction({ item }: { item: ViewerCartItem }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const market = t(`links.marketplaces.${item.marketplace}`);
  if (item.link?.mode === 'link') {
    return (
      <a className="button button-small roomcart-go" href={item.link.url} target="_blank" rel="noopener noreferrer">
        {t('cart.goTo', { market })}
      </a>
    );
  }
  if (item.link?.mode === 'token') {
    const token = item.link.token;
    const copy = async () => {
      try {
        await navigator.clipboard.writeText(token);
        setCopied(true);
      } catch {
        setCopied(false);
      }
    };
    return (
      <span className="roomcart-token">
        <input readOnly value={token} aria-label={t('cart.tokenLabel', { market })} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" className="button-small" onClick={() => void copy()}>
          {copied ? t('cart.copied') : t('cart.copyToken')}
        </button>
      </span>
    );
  }
  return (
    <button type="button" className="button-small" disabled title={t('cart.buySoon')}>
      {item.stock === 0 ? t('cart.soldOut') : t('cart.buy')}
    </button>
  );
}

/** One row of the drawer: number (N号链接), picture, title, price, where it is sold, the action. */
export function CartItemView({ item, pinned }: { item: ViewerCartItem; pinned: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <li className={`roomcart-item${pinned ? ' roomcart-item-pinned' : ''}`} data-item-id={item.id}>
      <ItemThumb item={item} />
      <div className="roomcart-item-body">
        <p className="roomcart-item-title">
          <span className="roomcart-number">{t('cart.number', { n: item.number })}</span>
          {pinned && <span className="roomcart-explaining">{t('cart.explaining')}</span>}
          {item.title}
        </p>
        <p className="roomcart-item-meta">
          {item.priceMinor !== null && (
            <strong className="roomcart-price">
              {item.hasSkus ? t('cart.fromPrice', { price: format.money(item.priceMinor, item.currency) }) : format.money(item.priceMinor, item.currency)}
            </strong>
          )}
          <span className={`roomcart-market roomcart-market-${item.marketplace}`}>{t(`links.marketplaces.${item.marketplace}`)}</span>
        </p>
        <ItemAction item={item} />
      </div>
    </li>
  );
}
