import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useResource } from '../../api/use-resource';
import { useErrorText } from '../../i18n/errors';
import { useSubmit } from '../../shell/forms';
import { parseMajorUnits, useFormat } from '../../shell/format';
import { listRooms } from '../../studio/studio.api';
import { listProducts } from '../admin.api';
import { useAdminShop } from '../AdminPage';
import { ErrorNotice, Loading } from '../../shell/ui';
import { PagedTable } from './PagedTable';
import { cancelPresale, createPresale, listPresales } from './sales-admin.api';
import './sales-admin.css';

/**
 * /admin/presales — presale campaigns (预售): a deposit now that counts for more (定金膨胀), the
 * balance in its window, and what a missed window does to the deposit. Its units leave the stock
 * when it is planned; a presale without deposits yet can be cancelled.
 */
export function PresalesTab() {
  const { t } = useTranslation();
  const format = useFormat();
  const { shop } = useAdminShop();
  return (
    <PagedTable
      load={(after, signal) => listPresales(shop.id, after, signal)}
      deps={[shop.id]}
      create={(onCreated) => <NewPresale shopId={shop.id} onCreated={onCreated} />}
      head={[t('consoleSales.product'), t('adminSales.depositTerms'), t('adminSales.balanceWindow'), { text: t('adminSales.sold'), num: true }, t('adminSales.state'), '']}
      row={(p, act) => (
        <tr key={p.id} data-presale-id={p.id}>
          <td>{p.title}{p.skuLabel && <small className="muted"> · {p.skuLabel}</small>}</td>
          <td>
            {t('adminSales.depositLine', {
              deposit: format.money(p.depositMinor, p.currency), worth: format.money(p.depositWorthMinor, p.currency),
              price: format.money(p.priceMinor, p.currency), balance: format.money(p.balanceMinor, p.currency),
            })}
          </td>
          <td><small>{format.dateTime(p.balanceStartsAt)} – {format.dateTime(p.balanceEndsAt)} · {t(`adminSales.missed.${p.missedBalance}`)}</small></td>
          <td className="num">{p.sold} / {p.units}</td>
          <td>{t(`adminSales.presaleStates.${p.state}`)}</td>
          <td>
            {(p.state === 'scheduled' || p.state === 'deposit') && p.sold === 0 && (
              <button type="button" className="button-small button-secondary" disabled={act.pending} onClick={() => act.run(() => cancelPresale(shop.id, p.id))}>
                {t('orders.cancel')}
              </button>
            )}
          </td>
        </tr>
      )}
    />
  );
}

const iso = (local: string | undefined) => (local ? new Date(local).toISOString() : undefined);

function NewPresale({ shopId, onCreated }: { shopId: string; onCreated: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const errorText = useErrorText();
  const submit = useSubmit();
  const [products] = useResource((signal) => listProducts(shopId, undefined, signal), [shopId]);
  const [rooms] = useResource((signal) => listRooms(shopId, undefined, signal), [shopId]);
  const [productId, setProductId] = useState('');
  const [invalid, setInvalid] = useState(false);
  const list = products.status === 'ok' ? products.data.items : [];
  const product = list.find((p) => p.id === productId) ?? list[0];

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!product) return;
    const form = e.currentTarget;
    const v = Object.fromEntries(new FormData(form)) as Record<string, string>;
    const money = (s: string | undefined) => parseMajorUnits(s ?? '', product.currency);
    const body = {
      roomId: v.roomId || null,
      productId: product.id,
      skuId: v.skuId || null,
      priceMinor: money(v.price), depositMinor: money(v.deposit), depositWorthMinor: money(v.worth),
      units: Number(v.units), perBuyerLimit: Number(v.perBuyerLimit),
      depositEndsAt: iso(v.depositEndsAt), balanceStartsAt: iso(v.balanceStartsAt), balanceEndsAt: iso(v.balanceEndsAt),
      missedBalance: v.missedBalance === 'refund' ? ('refund' as const) : ('forfeit' as const),
    };
    const bad = [body.priceMinor, body.depositMinor, body.depositWorthMinor, body.depositEndsAt, body.balanceStartsAt, body.balanceEndsAt].some((x) => !x) || !(body.units >= 1) || !(body.perBuyerLimit >= 1);
    setInvalid(bad);
    if (bad) return;
    void submit.run(async () => {
      await createPresale(shopId, body as Parameters<typeof createPresale>[1]);
      form.reset();
      onCreated();
    });
  };

  if (products.status === 'loading') return <Loading />;
  if (products.status === 'error') return <ErrorNotice error={products.error} />;
  if (!product) return <p className="muted">{t('adminSales.noProducts')}</p>;
  return (
    <form className="card admin-sales-form" onSubmit={onSubmit} noValidate aria-label={t('adminSales.newPresale')}>
      <label className="field">
        <span className="field-label">{t('consoleSales.product')}</span>
        <select value={product.id} onChange={(e) => setProductId(e.target.value)}>
          {list.map((p) => <option key={p.id} value={p.id}>{p.title}</option>)}
        </select>
      </label>
      {product.skus.length > 0 && (
        <label className="field">
          <span className="field-label">{t('consoleSales.sku')}</span>
          <select name="skuId">
            {product.skus.map((s) => <option key={s.id} value={s.id}>{Object.values(s.options).join(' / ')} · {format.money(s.priceMinor, product.currency)}</option>)}
          </select>
        </label>
      )}
      <label className="field">
        <span className="field-label">{t('adminSales.room')}</span>
        <select name="roomId">
          {(rooms.status === 'ok' ? rooms.data.items : []).map((r) => <option key={r.id} value={r.id}>{r.title}</option>)}
          <option value="">{t('adminSales.noRoom')}</option>
        </select>
      </label>
      <label className="field"><span className="field-label">{t('adminSales.presalePrice')}</span><input name="price" inputMode="decimal" /></label>
      <label className="field"><span className="field-label">{t('adminSales.deposit')}</span><input name="deposit" inputMode="decimal" /></label>
      <label className="field"><span className="field-label">{t('adminSales.worth')}</span><input name="worth" inputMode="decimal" /></label>
      <label className="field"><span className="field-label">{t('consoleSales.units')}</span><input name="units" inputMode="numeric" defaultValue="100" /></label>
      <label className="field"><span className="field-label">{t('consoleSales.perBuyer')}</span><input name="perBuyerLimit" inputMode="numeric" defaultValue="1" /></label>
      <label className="field"><span className="field-label">{t('adminSales.depositEnds')}</span><input type="datetime-local" name="depositEndsAt" /></label>
      <label className="field"><span className="field-label">{t('adminSales.balanceStarts')}</span><input type="datetime-local" name="balanceStartsAt" /></label>
      <label className="field"><span className="field-label">{t('adminSales.balanceEnds')}</span><input type="datetime-local" name="balanceEndsAt" /></label>
      <label className="field">
        <span className="field-label">{t('adminSales.missedTitle')}</span>
        <select name="missedBalance" defaultValue="forfeit">
          <option value="forfeit">{t('adminSales.missed.forfeit')}</option>
          <option value="refund">{t('adminSales.missed.refund')}</option>
        </select>
      </label>
      {invalid && <p role="alert" className="field-invalid">{t('adminSales.invalidPresale')}</p>}
      {submit.error !== null && <p role="alert" className="field-invalid">{errorText(submit.error)}</p>}
      <button type="submit" className="button" disabled={submit.pending}>{t('adminSales.createPresale')}</button>
    </form>
  );
}
