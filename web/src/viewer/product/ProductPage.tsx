import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { useResource } from '../../api/use-resource';
import { useFormat } from '../../shell/format';
import { ErrorNotice, Loading, Message } from '../../shell/ui';
import { ShareButton } from '../share/ShareSheet';
import { TargetShare } from '../share/TargetShare';
import { fetchPublicProduct } from '../share/shares.api';
import './product.css';

/**
 * /p/:productId — a product's own page, where a shared product leads: its pictures, price and
 * description, its shop (to watch it live), and its share sheet. No login needed.
 */
export function ProductPage() {
  const { t } = useTranslation();
  const { money } = useFormat();
  const { productId = '' } = useParams();
  const [found, reload] = useResource((signal) => fetchPublicProduct(productId, signal), [productId]);
  const [sharing, setSharing] = useState(false);

  if (found.status === 'loading') return <Loading />;
  if (found.status === 'error') {
    if (found.error instanceof ApiError && (found.error.code === 'CATALOG_PRODUCT_NOT_FOUND' || found.error.code === 'HTTP_VALIDATION_FAILED')) {
      return (
        <Message title={t('product.notFoundTitle')}>
          <p>{t('product.notFoundBody')}</p>
          <Link to="/">{t('shell.backHome')}</Link>
        </Message>
      );
    }
    return <ErrorNotice error={found.error} onRetry={reload} />;
  }
  const { product, shop } = found.data;
  return (
    <article className="product-page" data-testid="product-page">
      <div className="product-page-pictures">
        {product.images.map((img, i) => (
          <img key={img.id} src={img.url} alt={i === 0 ? product.title : ''} loading={i === 0 ? 'eager' : 'lazy'} />
        ))}
      </div>
      <div className="product-page-text">
        <h1>{product.title}</h1>
        <p className="product-page-price">{money(product.priceMinor, product.currency)}</p>
        <p className="muted">{product.stock > 0 ? t('product.stock', { n: product.stock }) : t('product.outOfStock')}</p>
        {product.description && <p className="product-page-description">{product.description}</p>}
        <p>
          {t('product.shop', { shop: shop.name })} · <Link to={`/shop/${encodeURIComponent(shop.slug)}`}>{t('product.visitShop')}</Link>
        </p>
        <div className="product-page-actions">
          <ShareButton open={sharing} onClick={() => setSharing((s) => !s)} />
          <span>{t('product.share')}</span>
        </div>
        {sharing && (
          <TargetShare target={{ product: product.id }} title={product.title} fallbackUrl={`${location.origin}/p/${product.id}`} onClose={() => setSharing(false)} />
        )}
      </div>
    </article>
  );
}
