import { useTranslation } from 'react-i18next';
import type { GiftKind, GiftWhat } from '../../../../src/contracts/gifts.schemas';
import { useFormat } from '../../shell/format';
import { ItemThumb } from '../cart/CartItemView';

/** What a gift is, in one line: a coupon's value and minimum spend, or a product and how many. */
export function useGiftValue() {
  const { t } = useTranslation();
  const format = useFormat();
  return (kind: GiftKind, w: GiftWhat): string => {
    if (kind === 'product') return t('gifts.productValue', { units: w.units ?? 1, detail: w.detail ? ` · ${w.detail}` : '' });
    const off = w.percentBp !== null ? t('gifts.percentOff', { n: w.percentBp / 100 }) : t('gifts.amountOff', { amount: format.money(w.valueMinor ?? 0, w.currency) });
    return w.minSpendMinor ? `${off} · ${t('gifts.minSpend', { amount: format.money(w.minSpendMinor, w.currency) })}` : off;
  };
}

/** The gift itself: its picture (or a ribbon), title and value. */
export function GiftCard({ kind, what, children }: { kind: GiftKind; what: GiftWhat; children?: React.ReactNode }) {
  const value = useGiftValue();
  return (
    <div className={`gift-card gift-card-${kind}`}>
      {kind === 'product' ? <ItemThumb item={{ title: what.title, imageUrl: what.imageUrl }} /> : <span className="gift-card-ribbon" aria-hidden="true">券</span>}
      <span className="gift-card-body">
        <strong className="gift-card-title">{what.title}</strong>
        <span className="muted">{value(kind, what)}</span>
        {children}
      </span>
    </div>
  );
}
