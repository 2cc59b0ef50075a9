import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePages } from '../api/use-pages';
import { useFormat } from '../shell/format';
import { ErrorNotice, Loading, MoreButton, Table } from '../shell/ui';
import { useAdminShop } from './AdminPage';
import { CreateProductForm } from './CreateProductForm';
import { listProducts } from './admin.api';

export function ProductsTab() {
  const { t } = useTranslation();
  const format = useFormat();
  const { shop } = useAdminShop();
  const pages = usePages((after, signal) => listProducts(shop.id, after, signal), [shop.id]);
  const { list: products, reload } = pages;
  const [editing, setEditing] = useState<string | null>(null);
  const edited = products.status === 'ok' ? products.data.find((p) => p.id === editing) : undefined;

  return (
    <div className="stack">
      <section className="card">
        <h2>{t('admin.products.title')}</h2>
        {products.status === 'loading' && <Loading />}
        {products.status === 'error' && <ErrorNotice error={products.error} onRetry={reload} />}
        {products.status === 'ok' &&
          (products.data.length === 0 ? (
            <p className="muted">{t('admin.products.empty')}</p>
          ) : (
            <Table head={[t('admin.products.name'), t('catalog.skus'), { text: t('admin.products.price'), num: true }, { text: t('admin.products.stock'), num: true }, t('common.createdAt'), '']}>
              {products.data.map((p) => (
                <tr key={p.id} data-product-id={p.id}>
                  <td className="catalog-name">
                    {p.images[0] ? <img className="catalog-thumb" src={p.images[0].url} alt="" /> : <span className="catalog-thumb catalog-thumb-empty" aria-hidden="true">{Array.from(p.title)[0]}</span>}
                    {p.title}
                  </td>
                  <td className="muted">
                    {p.skus.length > 0 ? t('catalog.skuSummary', { n: p.skus.length, options: p.options.map((o) => o.name).join(' × ') }) : '—'}
                  </td>
                  <td className="num">{format.money(p.priceMinor, p.currency)}</td>
                  <td className="num">{p.stock}</td>
                  <td>{format.dateTime(p.createdAt)}</td>
                  <td>
                    <button type="button" className="button-secondary button-small" onClick={() => setEditing(p.id)}>
                      {t('catalog.edit')}
                    </button>
                  </td>
                </tr>
              ))}
            </Table>
          ))}
        <MoreButton pages={pages} />
      </section>
      {edited && (
        <section className="card" data-editing={edited.id}>
          <h2>{t('catalog.editTitle', { title: edited.title })}</h2>
          <CreateProductForm key={edited.id} shopId={shop.id} product={edited} onCreated={() => { setEditing(null); reload(); }} />
          <button type="button" className="button-link" onClick={() => setEditing(null)}>{t('catalog.cancel')}</button>
        </section>
      )}
      <section className="card">
        <h2>{t('admin.products.create')}</h2>
        <CreateProductForm shopId={shop.id} onCreated={reload} />
      </section>
    </div>
  );
}
