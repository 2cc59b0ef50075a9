import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePages } from '../../api/use-pages';
import { useErrorText } from '../../i18n/errors';
import { useSubmit } from '../../shell/forms';
import { ErrorNotice, Loading, MoreButton, Table } from '../../shell/ui';
import { useAdminShop } from '../AdminPage';
import { listStock, setStock } from './sales-admin.api';
import './sales-admin.css';

/**
 * /admin/stock — stock per product and SKU, with what running flash sales and presales hold apart.
 * A new figure is saved only if the stock is still what the page showed: an order taken meanwhile
 * answers "look again" instead of being overwritten.
 */
export function StockTab() {
  const { t } = useTranslation();
  const { shop } = useAdminShop();
  const pages = usePages((after, signal) => listStock(shop.id, after, signal), [shop.id]);
  return (
    <section className="stack">
      <p className="muted">{t('adminSales.stockHint')}</p>
      {pages.list.status === 'loading' && <Loading />}
      {pages.list.status === 'error' && <ErrorNotice error={pages.list.error} onRetry={pages.reload} />}
      {pages.list.status === 'ok' && (
        <Table head={[t('consoleSales.product'), t('consoleSales.sku'), { text: t('adminSales.held'), num: true }, { text: t('adminSales.stock'), num: true }]}>
          {pages.list.data.map((l) => (
            <tr key={`${l.productId}:${l.skuId ?? ''}`} data-sku-id={l.skuId ?? undefined}>
              <td>{l.title}</td>
              <td>{l.skuLabel || '—'}</td>
              <td className="num">{l.heldByCampaigns}</td>
              <td className="num">
                <StockField shopId={shop.id} productId={l.productId} skuId={l.skuId} stock={l.stock} onSaved={pages.reload} />
              </td>
            </tr>
          ))}
        </Table>
      )}
      <MoreButton pages={pages} />
    </section>
  );
}

function StockField({ shopId, productId, skuId, stock, onSaved }: { shopId: string; productId: string; skuId: string | null; stock: number; onSaved: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const submit = useSubmit();
  const [value, setValue] = useState(String(stock));
  const next = Number(value);
  const changed = value.trim() !== '' && Number.isInteger(next) && next >= 0 && next !== stock;
  return (
    <form
      className="order-admin-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit.run(async () => {
          await setStock(shopId, { productId, skuId, stock: next, expected: stock });
          onSaved();
        });
      }}
    >
      <input className="stock-input" inputMode="numeric" value={value} onChange={(e) => setValue(e.target.value)} aria-label={t('adminSales.stock')} />
      {changed && <button type="submit" className="button-small" disabled={submit.pending}>{t('adminSales.save')}</button>}
      {submit.error !== null && <span role="alert" className="field-invalid">{errorText(submit.error)}</span>}
    </form>
  );
}
