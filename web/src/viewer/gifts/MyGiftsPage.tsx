import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePages } from '../../api/use-pages';
import { useFormat } from '../../shell/format';
import { ErrorNotice, Loading, MoreButton } from '../../shell/ui';
import { MeTabs } from './MeTabs';
import { GiftCard } from './GiftCard';
import { GiftSheet } from './GiftSheet';
import { listMyGifts, type SentGift } from './gifts.api';
import './gifts.css';

/** /me/gifts — the gifts I sent, newest first: open (until when), claimed by whom, or returned to me. */
export function MyGiftsPage() {
  const { t } = useTranslation();
  const pages = usePages(listMyGifts, []);
  const [open, setOpen] = useState<SentGift | null>(null);
  return (
    <div className="my-gifts">
      <MeTabs />
      <header className="page-head"><h1>{t('gifts.mine')}</h1></header>
      {open && <GiftSheet gift={open} onClose={() => setOpen(null)} />}
      {pages.list.status === 'loading' && <Loading />}
      {pages.list.status === 'error' && <ErrorNotice error={pages.list.error} onRetry={pages.reload} />}
      {pages.list.status === 'ok' && pages.list.data.length === 0 && <p className="muted">{t('gifts.noneSent')}</p>}
      {pages.list.status === 'ok' && (
        <ul className="gift-list">
          {pages.list.data.map((g) => (
            <li key={g.id} className="gift-row" data-gift-code={g.code} data-state={g.state}>
              <GiftCard kind={g.kind} what={g.what}><GiftStateLine gift={g} /></GiftCard>
              {g.state === 'open' && new Date(g.expiresAt) > new Date() && (
                <button type="button" className="button-secondary" onClick={() => setOpen(g)}>{t('gifts.shareAgain')}</button>
              )}
            </li>
          ))}
        </ul>
      )}
      <MoreButton pages={pages} />
    </div>
  );
}

function GiftStateLine({ gift }: { gift: SentGift }) {
  const { t } = useTranslation();
  const format = useFormat();
  let text: string;
  if (gift.state === 'claimed') text = t('gifts.stateClaimed', { name: gift.claimedBy?.displayName ?? '', time: format.dateTime(gift.claimedAt ?? gift.createdAt) });
  else if (gift.state === 'returned') text = t(gift.kind === 'coupon' ? 'gifts.stateReturnedCoupon' : 'gifts.stateReturnedProduct', { time: format.dateTime(gift.returnedAt ?? gift.expiresAt) });
  else text = t('gifts.stateOpen', { time: format.dateTime(gift.expiresAt) });
  return <span className={`gift-state gift-state-${gift.state}`} data-testid="gift-state">{text}</span>;
}
