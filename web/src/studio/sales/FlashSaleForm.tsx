import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StudioCartItem } from '../../../../src/contracts/cart.schemas';
import type { FlashSale } from '../../../../src/contracts/sales-campaigns.schemas';
import { useResource } from '../../api/use-resource';
import { useErrorText } from '../../i18n/errors';
import { useSubmit } from '../../shell/forms';
import { parseMajorUnits, useFormat } from '../../shell/format';
import { fetchProduct, startFlashSale } from './studio-sales.api';

/**
 * Start a flash sale on an own product of the cart (the one being explained comes first): price,
 * units, per-buyer limit, now or at a time, how long. Filled in with working defaults (80 % of the
 * price, 10 units, 1 each, now, 10 minutes), so starting one is one more tap.
 */
export function FlashSaleForm({ shopId, roomId, items, pinnedId, onStarted }: {
  shopId: string;
  roomId: string;
  items: StudioCartItem[];
  pinnedId: string | null;
  onStarted: (sale: FlashSale) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const errorText = useErrorText();
  const submit = useSubmit();
  const own = items.filter((i) => i.kind === 'product');
  const [itemId, setItemId] = useState(() => (own.find((i) => i.id === pinnedId) ?? own[0])?.id ?? '');
  const item = own.find((i) => i.id === itemId);
  const [product] = useResource((signal) => (item ? fetchProduct(shopId, item.refId, signal) : Promise.resolve(null)), [shopId, item?.refId]);
  const [skuId, setSkuId] = useState('');
  const [when, setWhen] = useState<'now' | 'at'>('now');
  const [invalid, setInvalid] = useState<string | null>(null);

  if (own.length === 0) return <p className="muted">{t('consoleSales.noOwnProducts')}</p>;
  const full = product.status === 'ok' ? product.data : null;
  const skus = full?.skus ?? [];
  const sku = skus.find((s) => s.id === skuId) ?? skus.find((s) => s.stock > 0) ?? skus[0];
  const listMinor = sku?.priceMinor ?? item?.priceMinor ?? 0;
  const currency = item?.currency ?? 'CNY';

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!item) return;
    const v = Object.fromEntries(new FormData(e.currentTarget)) as Record<string, string>;
    const priceMinor = parseMajorUnits(v.price ?? '', currency);
    const units = Number(v.units);
    const perBuyerLimit = Number(v.perBuyerLimit);
    const durationMinutes = Number(v.durationMinutes);
    const startsAt = when === 'at' && v.startsAt ? new Date(v.startsAt).toISOString() : undefined;
    const bad =
      priceMinor === null ? 'price' : !(units >= 1) ? 'units' : !(perBuyerLimit >= 1 && perBuyerLimit <= 99) ? 'perBuyerLimit'
        : !(durationMinutes >= 1 && durationMinutes <= 1440) ? 'durationMinutes' : when === 'at' && !startsAt ? 'startsAt' : null;
    setInvalid(bad);
    if (bad || priceMinor === null) return;
    void submit.run(async () => {
      onStarted(await startFlashSale(shopId, {
        roomId, productId: item.refId, skuId: sku?.id ?? null, priceMinor, units, perBuyerLimit, durationMinutes, ...(startsAt ? { startsAt } : {}),
      }));
    });
  };

  return (
    <form className="console-form" onSubmit={onSubmit} noValidate aria-label={t('consoleSales.flashTitle')}>
      <label className="field">
        <span className="field-label">{t('consoleSales.product')}</span>
        <select value={itemId} onChange={(e) => { setItemId(e.target.value); setSkuId(''); }} name="item">
          {own.map((i) => (
            <option key={i.id} value={i.id}>{t('cart.number', { n: i.number })} {i.title}</option>
          ))}
        </select>
      </label>
      {skus.length > 0 && (
        <label className="field">
          <span className="field-label">{t('consoleSales.sku')}</span>
          <select value={sku?.id ?? ''} onChange={(e) => setSkuId(e.target.value)} name="sku">
            {skus.map((s) => (
              <option key={s.id} value={s.id}>
                {Object.values(s.options).join(' / ')} · {format.money(s.priceMinor, currency)} · {t('consoleSales.stock', { n: s.stock })}
              </option>
            ))}
          </select>
        </label>
      )}
      <div className="console-form-row" key={`${itemId}-${sku?.id ?? ''}`}>
        <Num name="price" label={t('consoleSales.price', { price: format.money(listMinor, currency) })} defaultValue={((Math.round(listMinor * 0.8)) / 100).toFixed(2)} invalid={invalid === 'price'} inputMode="decimal" />
        <Num name="units" label={t('consoleSales.units')} defaultValue="10" invalid={invalid === 'units'} />
        <Num name="perBuyerLimit" label={t('consoleSales.perBuyer')} defaultValue="1" invalid={invalid === 'perBuyerLimit'} />
        <Num name="durationMinutes" label={t('consoleSales.minutes')} defaultValue="10" invalid={invalid === 'durationMinutes'} />
      </div>
      <fieldset className="console-form-when">
        <legend>{t('consoleSales.starts')}</legend>
        <label><input type="radio" name="when" checked={when === 'now'} onChange={() => setWhen('now')} /> {t('consoleSales.now')}</label>
        <label><input type="radio" name="when" checked={when === 'at'} onChange={() => setWhen('at')} /> {t('consoleSales.at')}</label>
        {when === 'at' && <input type="datetime-local" name="startsAt" aria-label={t('consoleSales.at')} aria-invalid={invalid === 'startsAt' || undefined} />}
      </fieldset>
      {invalid && <p role="alert" className="field-invalid">{t('consoleSales.invalid')}</p>}
      {submit.error !== null && <p role="alert" className="field-invalid">{errorText(submit.error)}</p>}
      <button type="submit" className="button" disabled={submit.pending || !item}>{t('consoleSales.startFlash')}</button>
    </form>
  );
}

function Num({ name, label, defaultValue, invalid, inputMode = 'numeric' }: { name: string; label: string; defaultValue: string; invalid: boolean; inputMode?: 'numeric' | 'decimal' }) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      <input name={name} defaultValue={defaultValue} inputMode={inputMode} aria-invalid={invalid || undefined} className="num" />
    </label>
  );
}
