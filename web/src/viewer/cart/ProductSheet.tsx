import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ViewerCartItem } from '../../../../src/contracts/cart.schemas';
import { useResource } from '../../api/use-resource';
import { useFormat } from '../../shell/format';
import { fetchItemDetail } from './cart.api';
import { ItemAction, ItemPrice, ItemThumb } from './CartItemView';
import { SkuPicker } from './SkuPicker';
import { skuOf } from './sku-choice';
import { TargetShare } from '../share/TargetShare';
import '../room/sheet.css';

/**
 * The product sheet, opened from the cart, the explaining card or the list without leaving the
 * video: pictures, SKU picker, price, stock, description, and the action (buy — from the sales
 * issue — or "buy on Taobao…" for a marketplace listing) in `.sheet-actions`. Its share button
 * turns the sheet into the item's share sheet (a product, or the listing as the link policy's
 * share scene allows); closing that comes back here.
 */
export function ProductSheet({ slug, item, onClose }: { slug: string; item: ViewerCartItem; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [detail] = useResource((signal) => fetchItemDetail(slug, item.id, signal), [slug, item.id]);
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const [picture, setPicture] = useState(0);
  const full = detail.status === 'ok' ? detail.data : undefined;
  const images = full?.images.length ? full.images : item.imageUrl ? [item.imageUrl] : [];
  const sku = full ? skuOf(full.skus, chosen, full.options.length) : undefined;
  const stock = sku ? sku.stock : item.stock;
  const market = t(`links.marketplaces.${item.marketplace}`);
  const [sharing, setSharing] = useState(false);
  const shareTarget = item.productId ? { product: item.productId } : item.listingId ? { listing: item.listingId } : null;

  if (sharing && shareTarget) {
    const fallbackUrl = item.productId ? `${location.origin}/p/${encodeURIComponent(item.productId)}` : `${location.origin}/live/${encodeURIComponent(slug)}`;
    return <TargetShare target={shareTarget} title={item.title} fallbackUrl={fallbackUrl} pasteBox={false} onClose={() => setSharing(false)} />;
  }

  return (
    <section className="sheet product-sheet" role="dialog" aria-modal="false" aria-label={item.title} data-item-id={item.id}>
      <header className="sheet-head">
        <span className="roomcart-number">{t('cart.number', { n: item.number })}</span>
        <h2 className="sheet-title">{item.title}</h2>
        {shareTarget && (
          <button type="button" className="sheet-close sheet-share" onClick={() => setSharing(true)} aria-label={t('share.shareItem')} title={t('share.shareItem')}>
            <svg viewBox="0 0 24 24" aria-hidden="true" width="16" height="16">
              <path d="M14 5l6 6-6 6v-4c-5 0-8 1.5-10 5 .5-5 3-9.5 10-10.5V5z" fill="currentColor" />
            </svg>
          </button>
        )}
        <button type="button" className="sheet-close" onClick={onClose} aria-label={t('cart.closeSheet')}>
          ×
        </button>
      </header>
      <div className="sheet-body">
        {images.length > 0 ? (
          <div className="product-gallery">
            <img className="product-picture" src={images[picture] ?? images[0]} alt={item.title} />
            {images.length > 1 && (
              <div className="product-thumbs" role="group" aria-label={t('cart.pictures')}>
                {images.map((src, i) => (
                  <button key={src} type="button" aria-pressed={i === picture} aria-label={t('cart.picture', { n: i + 1 })} onClick={() => setPicture(i)}>
                    <img src={src} alt="" />
                  </button>
                ))}
              </div>
            )}
          </div>
        ) : (
          <ItemThumb item={item} size="lg" />
        )}
        <p className="product-price-row">
          {sku ? <strong className="roomcart-price">{format.money(sku.priceMinor, item.currency)}</strong> : <ItemPrice item={item} />}
          <span className={`roomcart-market roomcart-market-${item.marketplace}`}>{market}</span>
          {stock !== null && (
            <span className={stock === 0 ? 'text-warn' : 'text-note'} data-testid="stock-state">
              {stock === 0 ? t('cart.soldOut') : stock <= 10 ? t('cart.stockLow', { n: stock }) : t('cart.inStock')}
            </span>
          )}
        </p>
        {full && <SkuPicker options={full.options} skus={full.skus} chosen={chosen} onChange={setChosen} />}
        {full?.description && <p className="product-description">{full.description}</p>}
      </div>
      <footer className="sheet-actions">
        <ItemAction item={item} soldOut={stock === 0} chosen={chosen} />
      </footer>
    </section>
  );
}
