import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ViewerCartItem } from '../../../../src/contracts/cart.schemas';
import { useFormat } from '../../shell/format';
import { useBuy } from '../buy/BuyContext';
import './cart.css';

/** The picture of an item, or its first character on a tile when it has none. */
export function ItemThumb({ item, size = 'md' }: { item: Pick<ViewerCartItem, 'imageUrl' | 'title'>; size?: 'sm' | 'md' | 'lg' }) {
  return item.imageUrl ? (
    <img className={`roomcart-thumb roomcart-thumb-${size}`} src={item.imageUrl} alt="" loading="lazy" />
  ) : (
    <span className={`roomcart-thumb roomcart-thumb-${size} roomcart-thumb-empty`} aria-hidden="true">
      {Array.from(item.title)[0]}
    </span>
  );
}

/** The price as viewers read it: "from ¥99" when SKUs differ. */
export function ItemPrice({ item }: { item: ViewerCartItem }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (item.priceMinor === null) return null;
  const price = format.money(item.priceMinor, item.currency);
  return <strong className="roomcart-price">{item.hasSkus ? t('cart.fromPrice', { price }) : price}</strong>;
}

/**
 * How a viewer acts on an item: leave through /go/CODE, copy a token, or (own goods) buy here in
 * the room's buy sheet (in the card, the list and the product sheet alike). `chosen` carries the
 * options already picked in the product sheet into the buy sheet.
 */
export function ItemAction({ item, soldOut = item.stock === 0, chosen }: { item: ViewerCartItem; soldOut?: boolean; chosen?: Record<string, string> }) {
  const { t } = useTranslation();
  const buy = useBuy();
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
    <button type="button" className="button-small roomcart-buy" disabled={soldOut || !buy} onClick={() => buy?.(item, chosen)}>
      {soldOut ? t('cart.soldOut') : t('cart.buy')}
    </button>
  );
}

/** One row of the cart list: number (N号链接), picture, title, price, where it is sold; tap for the sheet. */
export function CartItemView({ item, pinned, onOpen }: { item: ViewerCartItem; pinned: boolean; onOpen: () => void }) {
  const { t } = useTranslation();
  return (
    <li className={`roomcart-item${pinned ? ' roomcart-item-pinned' : ''}`} data-item-id={item.id}>
      <button type="button" className="roomcart-item-open" onClick={onOpen} aria-label={t('cart.details', { title: item.title })}>
        <ItemThumb item={item} />
      </button>
      <div className="roomcart-item-body">
        <p className="roomcart-item-title">
          <span className="roomcart-number">{t('cart.number', { n: item.number })}</span>
          {pinned && <span className="roomcart-explaining">{t('cart.explaining')}</span>}
          <button type="button" className="roomcart-item-name" onClick={onOpen}>
            {item.title}
          </button>
        </p>
        <p className="roomcart-item-meta">
          <ItemPrice item={item} />
          <span className={`roomcart-market roomcart-market-${item.marketplace}`}>{t(`links.marketplaces.${item.marketplace}`)}</span>
        </p>
        <ItemAction item={item} />
      </div>
    </li>
  );
}
