import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Currency } from '../../../../src/contracts/sales-campaigns.schemas';
import { useErrorText } from '../../i18n/errors';
import { useSubmit } from '../../shell/forms';
import { parseMajorUnits, useFormat } from '../../shell/format';
import { useCouponText } from '../../viewer/buy/CouponPicker';
import { useAdminShop } from '../AdminPage';
import { PagedTable } from './PagedTable';
import { createCoupon, listCoupons, withdrawCoupon } from './sales-admin.api';
import './sales-admin.css';

/**
 * /admin/coupons — the shop's coupons: an amount or a percentage off above a minimum spend, valid
 * between two times, a total and a per-buyer limit; claimed so far; withdraw one. (A coupon dropped
 * into a room from the host console is listed here too.)
 */
export function CouponsTab() {
  const { t } = useTranslation();
  const format = useFormat();
  const couponText = useCouponText();
  const { shop } = useAdminShop();
  return (
    <PagedTable
      load={(after, signal) => listCoupons(shop.id, after, signal)}
      deps={[shop.id]}
      create={(onCreated) => <NewCoupon shopId={shop.id} onCreated={onCreated} />}
      head={[t('consoleSales.couponName'), t('adminSales.terms'), t('adminSales.valid'), { text: t('adminSales.claimed'), num: true }, '']}
      row={(c, act) => (
        <tr key={c.id} data-coupon-id={c.id}>
          <td>{c.title}{c.roomId && <small className="muted"> · {t('adminSales.inRoom')}</small>}</td>
          <td>{couponText(c)}{c.perBuyerLimit > 1 && <small className="muted"> · {t('flash.limit', { n: c.perBuyerLimit })}</small>}</td>
          <td><small>{format.dateTime(c.validFrom)} – {format.dateTime(c.validUntil)}</small></td>
          <td className="num">{c.claimed} / {c.total}</td>
          <td>
            {c.withdrawn ? (
              <span className="muted">{t('adminSales.withdrawn')}</span>
            ) : (
              <button type="button" className="button-small button-secondary" disabled={act.pending} onClick={() => act.run(() => withdrawCoupon(shop.id, c.id))}>
                {t('adminSales.withdraw')}
              </button>
            )}
          </td>
        </tr>
      )}
    />
  );
}

function NewCoupon({ shopId, onCreated }: { shopId: string; onCreated: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const submit = useSubmit();
  const [kind, setKind] = useState<'amount' | 'percent'>('amount');
  const [invalid, setInvalid] = useState(false);
  const currency: Currency = 'CNY';
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const v = Object.fromEntries(new FormData(form)) as Record<string, string>;
    const off = kind === 'amount' ? parseMajorUnits(v.off ?? '', currency) : Math.round(Number(v.off) * 100);
    const minSpendMinor = parseMajorUnits(v.minSpend || '0', currency);
    const total = Number(v.total);
    const perBuyerLimit = Number(v.perBuyerLimit);
    const validFrom = v.validFrom ? new Date(v.validFrom).toISOString() : undefined;
    const validUntil = v.validUntil ? new Date(v.validUntil).toISOString() : undefined;
    const title = (v.title ?? '').trim();
    const bad = !title || !off || off < 1 || (kind === 'percent' && off > 10_000) || minSpendMinor === null || !(total >= 1) || !(perBuyerLimit >= 1) || !validUntil;
    setInvalid(bad);
    if (bad) return;
    void submit.run(async () => {
      await createCoupon(shopId, {
        roomId: null, title, kind, currency, minSpendMinor: minSpendMinor ?? 0, total, perBuyerLimit, validUntil,
        ...(validFrom ? { validFrom } : {}),
        ...(kind === 'amount' ? { amountMinor: off! } : { percentBp: off! }),
      });
      form.reset();
      onCreated();
    });
  };
  return (
    <form className="card admin-sales-form" onSubmit={onSubmit} noValidate aria-label={t('adminSales.newCoupon')}>
      <label className="field"><span className="field-label">{t('consoleSales.couponName')}</span><input name="title" maxLength={60} /></label>
      <fieldset>
        <label><input type="radio" name="kind" checked={kind === 'amount'} onChange={() => setKind('amount')} /> {t('consoleSales.amountOff')}</label>
        <label><input type="radio" name="kind" checked={kind === 'percent'} onChange={() => setKind('percent')} /> {t('consoleSales.percentOff')}</label>
      </fieldset>
      <label className="field"><span className="field-label">{kind === 'amount' ? t('consoleSales.amount') : t('consoleSales.percent')}</span><input name="off" inputMode="decimal" /></label>
      <label className="field"><span className="field-label">{t('consoleSales.minSpend')}</span><input name="minSpend" inputMode="decimal" defaultValue="0" /></label>
      <label className="field"><span className="field-label">{t('consoleSales.total')}</span><input name="total" inputMode="numeric" defaultValue="100" /></label>
      <label className="field"><span className="field-label">{t('consoleSales.perBuyer')}</span><input name="perBuyerLimit" inputMode="numeric" defaultValue="1" /></label>
      <label className="field"><span className="field-label">{t('adminSales.validFrom')}</span><input type="datetime-local" name="validFrom" /></label>
      <label className="field"><span className="field-label">{t('adminSales.validUntil')}</span><input type="datetime-local" name="validUntil" /></label>
      {invalid && <p role="alert" className="field-invalid">{t('adminSales.invalidCoupon')}</p>}
      {submit.error !== null && <p role="alert" className="field-invalid">{errorText(submit.error)}</p>}
      <button type="submit" className="button" disabled={submit.pending}>{t('adminSales.createCoupon')}</button>
    </form>
  );
}
