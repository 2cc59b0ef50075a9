import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Currency } from '../../../../src/contracts/sales-campaigns.schemas';
import type { Coupon } from '../../../../src/contracts/sales-coupons.schemas';
import { useErrorText } from '../../i18n/errors';
import { useSubmit } from '../../shell/forms';
import { parseMajorUnits } from '../../shell/format';
import { dropCoupon } from './studio-sales.api';

/**
 * Drop a coupon into the room: viewers see it appear and claim it with one tap. Filled in with a
 * working default (¥10 off over ¥99, 100 of them, 1 each, valid 30 minutes).
 */
export function CouponDropForm({ shopId, roomId, currency, onDropped }: { shopId: string; roomId: string; currency: Currency; onDropped: (c: Coupon) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const submit = useSubmit();
  const [kind, setKind] = useState<'amount' | 'percent'>('amount');
  const [invalid, setInvalid] = useState(false);

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const v = Object.fromEntries(new FormData(e.currentTarget)) as Record<string, string>;
    const amountMinor = kind === 'amount' ? parseMajorUnits(v.amount ?? '', currency) : null;
    const percent = Number(v.percent);
    const minSpendMinor = parseMajorUnits(v.minSpend ?? '0', currency);
    const total = Number(v.total);
    const perBuyerLimit = Number(v.perBuyerLimit);
    const validMinutes = Number(v.validMinutes);
    const title = (v.title ?? '').trim();
    const bad =
      !title || minSpendMinor === null || !(total >= 1) || !(perBuyerLimit >= 1) || !(validMinutes >= 1) ||
      (kind === 'amount' ? !amountMinor : !(percent > 0 && percent <= 100));
    setInvalid(bad);
    if (bad) return;
    void submit.run(async () => {
      onDropped(await dropCoupon(shopId, {
        roomId, title, kind, currency, minSpendMinor: minSpendMinor ?? 0, total, perBuyerLimit, validMinutes,
        ...(kind === 'amount' ? { amountMinor: amountMinor! } : { percentBp: Math.round(percent * 100) }),
      }));
    });
  };

  return (
    <form className="console-form" onSubmit={onSubmit} noValidate aria-label={t('consoleSales.couponTitle')}>
      <label className="field">
        <span className="field-label">{t('consoleSales.couponName')}</span>
        <input name="title" defaultValue={t('consoleSales.couponDefault')} maxLength={60} />
      </label>
      <fieldset className="console-form-when">
        <legend>{t('consoleSales.couponKind')}</legend>
        <label><input type="radio" name="kind" checked={kind === 'amount'} onChange={() => setKind('amount')} /> {t('consoleSales.amountOff')}</label>
        <label><input type="radio" name="kind" checked={kind === 'percent'} onChange={() => setKind('percent')} /> {t('consoleSales.percentOff')}</label>
      </fieldset>
      <div className="console-form-row">
        {kind === 'amount' ? (
          <Num name="amount" label={t('consoleSales.amount')} defaultValue="10" />
        ) : (
          <Num name="percent" label={t('consoleSales.percent')} defaultValue="10" />
        )}
        <Num name="minSpend" label={t('consoleSales.minSpend')} defaultValue="99" />
        <Num name="total" label={t('consoleSales.total')} defaultValue="100" />
        <Num name="perBuyerLimit" label={t('consoleSales.perBuyer')} defaultValue="1" />
        <Num name="validMinutes" label={t('consoleSales.validMinutes')} defaultValue="30" />
      </div>
      {invalid && <p role="alert" className="field-invalid">{t('consoleSales.invalid')}</p>}
      {submit.error !== null && <p role="alert" className="field-invalid">{errorText(submit.error)}</p>}
      <button type="submit" className="button" disabled={submit.pending}>{t('consoleSales.dropCoupon')}</button>
    </form>
  );
}

function Num({ name, label, defaultValue }: { name: string; label: string; defaultValue: string }) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      <input name={name} defaultValue={defaultValue} inputMode="decimal" className="num" />
    </label>
  );
}
