import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router-dom';
import { useResource } from '../../api/use-resource';
import { useErrorText } from '../../i18n/errors';
import { useSubmit } from '../../shell/forms';
import { useFormat } from '../../shell/format';
import { useSession } from '../../shell/session';
import { ErrorNotice, Loading } from '../../shell/ui';
import { AddressPicker } from '../buy/AddressPicker';
import { claimGift, fetchGift, type GiftView } from './gifts.api';
import { GiftCard } from './GiftCard';
import '../buy/buy.css';
import './gifts.css';

/**
 * /g/:code — where a friend lands from the gift's link, QR or token: what the gift is and who sent
 * it; logged in, claim it (a product gift asks where to ship it). Whoever is second, the sender
 * themself, or too late is told so plainly.
 */
export function ClaimGiftPage() {
  const { code = '' } = useParams();
  const { state } = useSession();
  const signedIn = state.status === 'signedIn';
  const [found, reload] = useResource((signal) => fetchGift(code, signal), [code, signedIn]);
  if (found.status === 'loading' || state.status === 'loading') return <Loading />;
  if (found.status === 'error') return <ErrorNotice error={found.error} onRetry={reload} />;
  return <ClaimView gift={found.data} signedIn={signedIn} onClaimed={reload} />;
}

function ClaimView({ gift, signedIn, onClaimed }: { gift: GiftView; signedIn: boolean; onClaimed: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const location = useLocation();
  const errorText = useErrorText();
  const submit = useSubmit();
  const [addressId, setAddressId] = useState<string | null>(null);
  const next = encodeURIComponent(location.pathname);

  const claim = () =>
    submit.run(async () => {
      await claimGift(gift.code, gift.needsAddress && addressId ? { addressId } : {});
      onClaimed();
    });

  let action;
  if (gift.claimedByYou) {
    action = (
      <div className="gift-outcome" role="status" data-testid="gift-claimed">
        <p className="gift-outcome-mark" aria-hidden="true">✓</p>
        <h2>{t('gifts.claimedTitle')}</h2>
        <p>{gift.kind === 'coupon' ? t('gifts.claimedCoupon') : t('gifts.claimedProduct')}</p>
        <Link className="button button-secondary" to={gift.kind === 'coupon' ? '/me/coupons' : '/'}>{gift.kind === 'coupon' ? t('gifts.myCoupons') : t('nav.home')}</Link>
      </div>
    );
  } else if (gift.state === 'claimed') action = <p className="gift-outcome" role="status" data-testid="gift-taken">{t('gifts.taken')}</p>;
  else if (gift.state !== 'open') action = <p className="gift-outcome" role="status" data-testid="gift-expired">{t('gifts.expiredText')}</p>;
  else if (gift.yours) action = <p className="gift-outcome" role="status" data-testid="gift-yours">{t('gifts.yoursText')} <Link to="/me/gifts">{t('gifts.seeMine')}</Link></p>;
  else if (!signedIn) {
    action = (
      <div className="gift-login">
        <p>{t('gifts.loginToClaim')}</p>
        <Link className="button" to={`/login?next=${next}`}>{t('nav.login')}</Link>
        <Link className="button button-secondary" to={`/signup?next=${next}`}>{t('nav.signup')}</Link>
      </div>
    );
  } else {
    action = (
      <div className="gift-claim">
        {gift.needsAddress && <AddressPicker value={addressId} onChange={setAddressId} />}
        {submit.error !== null && <p role="alert" className="field-invalid" data-testid="gift-error">{errorText(submit.error)}</p>}
        <button type="button" className="button gift-claim-button" disabled={submit.pending || (gift.needsAddress && addressId === null)} onClick={() => void claim()} data-testid="gift-claim">
          {t('gifts.claim')}
        </button>
      </div>
    );
  }

  return (
    <div className="gift-page" data-testid="gift-page" data-state={gift.state}>
      <section className="card gift-envelope">
        <p className="gift-from">{t('gifts.from', { name: gift.sender.displayName })}</p>
        {gift.message && <blockquote className="gift-message">{gift.message}</blockquote>}
        <GiftCard kind={gift.kind} what={gift.what} />
        {gift.state === 'open' && <p className="muted">{t('gifts.claimBefore', { time: format.dateTime(gift.expiresAt) })}</p>}
        {action}
      </section>
    </div>
  );
}
