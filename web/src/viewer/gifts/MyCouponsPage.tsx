import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { CouponClaim } from '../buy/buy.api';
import { usePages } from '../../api/use-pages';
import { useFormat } from '../../shell/format';
import { ErrorNotice, Loading, MoreButton } from '../../shell/ui';
import { useGiftValue } from './GiftCard';
import { MeTabs } from './MeTabs';
import { SendGiftButton } from './SendGiftButton';
import { listMyCoupons } from './gifts.api';
import './gifts.css';

/** /me/coupons — the coupons I hold: each unused one can be sent to a friend as a gift. */
export function MyCouponsPage() {
  const { t } = useTranslation();
  const pages = usePages(listMyCoupons, []);
  return (
    <div className="my-coupons">
      <MeTabs />
      <header className="page-head"><h1>{t('gifts.myCoupons')}</h1></header>
      {pages.list.status === 'loading' && <Loading />}
      {pages.list.status === 'error' && <ErrorNotice error={pages.list.error} onRetry={pages.reload} />}
      {pages.list.status === 'ok' && pages.list.data.length === 0 && <p className="muted">{t('gifts.noCoupons')}</p>}
      {pages.list.status === 'ok' && (
        <ul className="gift-list">
          {pages.list.data.map((c) => <CouponRow key={c.id} claim={c} />)}
        </ul>
      )}
      <MoreButton pages={pages} />
    </div>
  );
}

function CouponRow({ claim }: { claim: CouponClaim }) {
  const { t } = useTranslation();
  const format = useFormat();
  const value = useGiftValue();
  const c = claim.coupon;
  const valid = !c.withdrawn && new Date(c.validUntil) > new Date();
  const what = { title: c.title, detail: '', imageUrl: null, currency: c.currency, valueMinor: c.amountMinor, percentBp: c.percentBp, minSpendMinor: c.minSpendMinor, units: null };
  let side;
  if (claim.orderId) side = <span className="muted">{t('gifts.couponUsed')}</span>;
  else if (claim.giftHeldAt) side = <Link to="/me/gifts">{t('gifts.couponOffered')}</Link>;
  else if (!valid) side = <span className="muted">{t('gifts.couponExpired')}</span>;
  else side = <SendGiftButton what={{ coupon: claim.id }} className="button-secondary" />;
  return (
    <li className="gift-row" data-claim-id={claim.id}>
      <div className="gift-card gift-card-coupon">
        <span className="gift-card-ribbon" aria-hidden="true">券</span>
        <span className="gift-card-body">
          <strong className="gift-card-title">{c.title}</strong>
          <span className="muted">{value('coupon', what)}</span>
          <span className="muted">{t('gifts.validUntil', { time: format.dateTime(c.validUntil) })}</span>
        </span>
      </div>
      {side}
    </li>
  );
}
