import { useTranslation } from 'react-i18next';
import type { Coupon, CouponClaim, RoomCoupon } from '../../../../src/contracts/sales-coupons.schemas';
import { useResource } from '../../api/use-resource';
import { useErrorText } from '../../i18n/errors';
import { useSubmit } from '../../shell/forms';
import { useFormat } from '../../shell/format';
import { claimCoupon, fetchMyCoupons } from './buy.api';

type Terms = Pick<Coupon, 'kind' | 'amountMinor' | 'percentBp' | 'minSpendMinor' | 'currency'>;

/** What a coupon takes off a subtotal, as the server computes it (never more than the subtotal). */
export function discountOf(coupon: Terms, subtotalMinor: number): number {
  if (subtotalMinor < coupon.minSpendMinor) return 0;
  const off = coupon.kind === 'amount' ? (coupon.amountMinor ?? 0) : Math.floor((subtotalMinor * (coupon.percentBp ?? 0)) / 10_000);
  return Math.min(off, subtotalMinor);
}

/** "¥10 off over ¥100", "15% off". */
export function useCouponText() {
  const { t } = useTranslation();
  const format = useFormat();
  return (c: Terms) => {
    const off = c.kind === 'amount' ? t('coupon.amountOff', { amount: format.money(c.amountMinor ?? 0, c.currency) }) : t('coupon.percentOff', { percent: (c.percentBp ?? 0) / 100 });
    return c.minSpendMinor > 0 ? t('coupon.over', { off, min: format.money(c.minSpendMinor, c.currency) }) : off;
  };
}

const usable = (claim: CouponClaim, currency: string, subtotalMinor: number, now: number) =>
  claim.usedAt === null &&
  !claim.coupon.withdrawn &&
  claim.coupon.currency === currency &&
  Date.parse(claim.coupon.validFrom) <= now &&
  Date.parse(claim.coupon.validUntil) > now &&
  discountOf(claim.coupon, subtotalMinor) > 0;

/**
 * The buy sheet's coupon line: the buyer's claimed coupons that apply to this subtotal (one at most:
 * coupons do not stack), and the room's coupons not claimed yet, each claimable with one tap.
 */
export function CouponPicker({ roomCoupons, currency, subtotalMinor, value, onChange }: {
  roomCoupons: RoomCoupon[];
  currency: string;
  subtotalMinor: number;
  value: string | null;
  /** The claim to use and what it takes off this subtotal (the server's figure comes with the order). */
  onChange: (coupon: { claimId: string; discountMinor: number } | null) => void;
}) {
  const { t } = useTranslation();
  const couponText = useCouponText();
  const errorText = useErrorText();
  const claiming = useSubmit();
  const [claims, reload] = useResource((signal) => fetchMyCoupons(signal), []);
  const mine = claims.status === 'ok' ? claims.data.claims : [];
  const now = Date.now();
  const fit = mine.filter((c) => usable(c, currency, subtotalMinor, now));
  const toClaim = roomCoupons.filter((c) => c.left > 0 && c.currency === currency && !mine.some((m) => m.coupon.id === c.id));
  if (fit.length === 0 && toClaim.length === 0) return null;

  return (
    <fieldset className="buy-coupons">
      <legend>{t('buy.coupon')}</legend>
      {fit.map((c) => (
        <label key={c.id} className="buy-coupon">
          <input type="radio" name="coupon" checked={value === c.id} onChange={() => onChange({ claimId: c.id, discountMinor: discountOf(c.coupon, subtotalMinor) })} />
          <span>{c.coupon.title}</span>
          <span className="buy-coupon-terms">{couponText(c.coupon)}</span>
        </label>
      ))}
      {fit.length > 0 && (
        <label className="buy-coupon">
          <input type="radio" name="coupon" checked={value === null} onChange={() => onChange(null)} />
          <span>{t('buy.noCoupon')}</span>
        </label>
      )}
      {toClaim.map((c) => (
        <div key={c.id} className="buy-coupon">
          <span>{c.title}</span>
          <span className="buy-coupon-terms">{couponText(c)}</span>
          <button
            type="button"
            className="button-small button-secondary"
            disabled={claiming.pending}
            onClick={() => void claiming.run(async () => {
              const claim = await claimCoupon(c.id);
              const off = discountOf(claim.coupon, subtotalMinor);
              if (off > 0) onChange({ claimId: claim.id, discountMinor: off });
              reload();
            })}
          >
            {t('coupon.claim')}
          </button>
        </div>
      ))}
      {claiming.error !== null && <p role="alert" className="field-invalid">{errorText(claiming.error)}</p>}
    </fieldset>
  );
}
