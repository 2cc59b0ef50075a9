import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Presale, RoomFlashSale } from '../../../../src/contracts/sales-campaigns.schemas';
import type { RoomCoupon } from '../../../../src/contracts/sales-coupons.schemas';
import { isUnauthenticated } from '../../api/client';
import { useResource } from '../../api/use-resource';
import { useErrorText } from '../../i18n/errors';
import { useSubmit } from '../../shell/forms';
import { useFormat } from '../../shell/format';
import { useSession } from '../../shell/session';
import { ItemThumb } from '../cart/CartItemView';
import { claimCoupon, fetchMyCoupons } from './buy.api';
import { useCouponText } from './CouponPicker';
import { FlashSaleClock } from './FlashSaleClock';
import { salePhase, useNow, type RoomSalesState } from './use-room-sales';

/**
 * Over the video, above the explaining card: the flash sale on now (or about to start) with its
 * countdown, price and units left, and the coupons the host dropped, one tap to claim each.
 */
export function RoomSalesBar({ sales, onBuy, onDeposit, onLogin }: {
  sales: RoomSalesState;
  onBuy: (sale: RoomFlashSale) => void;
  onDeposit: (presale: Presale) => void;
  onLogin: () => void;
}) {
  const now = useNow();
  const shown = sales.flashSales.filter((s) => salePhase(s, now) !== 'over').sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  const coupons = sales.coupons.filter((c) => Date.parse(c.validUntil) > now);
  const presale = sales.presales.find((p) => p.state === 'deposit');
  if (shown.length === 0 && coupons.length === 0 && !presale) return null;
  return (
    <div className="room-sales">
      {shown[0] && <FlashSaleCard sale={shown[0]} now={now} onBuy={onBuy} />}
      {!shown[0] && presale && <PresaleCard presale={presale} onDeposit={onDeposit} />}
      {coupons.length > 0 && <CouponDrops coupons={coupons} onLogin={onLogin} />}
    </div>
  );
}

function FlashSaleCard({ sale, now, onBuy }: { sale: RoomFlashSale; now: number; onBuy: (sale: RoomFlashSale) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const phase = salePhase(sale, now);
  return (
    <aside className="flash-card" aria-label={t('flash.badge')} data-testid="flash-card" data-sale-id={sale.id}>
      <ItemThumb item={sale} size="sm" />
      <div className="flash-card-body">
        <p className="flash-card-title">{sale.title}</p>
        <p className="flash-card-price">
          <strong>{format.money(sale.priceMinor, sale.currency)}</strong>
          {sale.listPriceMinor > sale.priceMinor && <s>{format.money(sale.listPriceMinor, sale.currency)}</s>}
        </p>
        <FlashSaleClock sale={sale} now={now} />
      </div>
      <button type="button" className="button-small flash-card-buy" disabled={phase !== 'live'} onClick={() => onBuy(sale)}>
        {phase === 'soldOut' ? t('flash.soldOut') : t('flash.buy')}
      </button>
    </aside>
  );
}

function PresaleCard({ presale: p, onDeposit }: { presale: Presale; onDeposit: (presale: Presale) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <aside className="flash-card presale-card" aria-label={t('presale.badge')} data-testid="presale-card">
      <ItemThumb item={p} size="sm" />
      <div className="flash-card-body">
        <p className="flash-card-title">{p.title}</p>
        <p className="flash-card-price">
          <span className="flash-clock-badge">{t('presale.badge')}</span>
          <strong>{format.money(p.priceMinor, p.currency)}</strong>
        </p>
        <p className="flash-clock">{t('presale.short', { deposit: format.money(p.depositMinor, p.currency), worth: format.money(p.depositWorthMinor, p.currency) })}</p>
      </div>
      <button type="button" className="button-small flash-card-buy" disabled={p.sold >= p.units} onClick={() => onDeposit(p)}>
        {p.sold >= p.units ? t('flash.soldOut') : t('presale.pay')}
      </button>
    </aside>
  );
}

function CouponDrops({ coupons, onLogin }: { coupons: RoomCoupon[]; onLogin: () => void }) {
  const { t } = useTranslation();
  const couponText = useCouponText();
  const errorText = useErrorText();
  const submit = useSubmit();
  const { state } = useSession();
  const signedIn = state.status === 'signedIn';
  // What this account claimed before (another visit, a reload): those coupons show as claimed.
  const [mine] = useResource(
    (signal) => (signedIn ? fetchMyCoupons(signal) : Promise.resolve({ claims: [], next: null })),
    [signedIn],
  );
  const [claimedHere, setClaimed] = useState<ReadonlySet<string>>(new Set());
  const claimed = new Set([...claimedHere, ...(mine.status === 'ok' ? mine.data.claims.map((c) => c.coupon.id) : [])]);
  const claim = (id: string) =>
    submit.run(async () => {
      try {
        await claimCoupon(id);
        setClaimed((s) => new Set(s).add(id));
      } catch (err) {
        if (isUnauthenticated(err)) onLogin();
        else throw err;
      }
    });
  return (
    <ul className="coupon-drops" aria-label={t('coupon.drops')}>
      {coupons.map((c) => {
        const done = claimed.has(c.id);
        return (
          <li key={c.id} className="coupon-drop" data-testid="coupon-drop">
            <span className="coupon-drop-terms">{couponText(c)}</span>
            <button type="button" className="coupon-drop-claim" disabled={done || c.left <= 0 || submit.pending} onClick={() => void claim(c.id)}>
              {done ? t('coupon.claimed') : c.left <= 0 ? t('flash.soldOut') : t('coupon.claim')}
            </button>
          </li>
        );
      })}
      {submit.error !== null && <li role="alert" className="coupon-drop-error">{errorText(submit.error)}</li>}
    </ul>
  );
}
