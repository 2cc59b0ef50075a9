import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { RoomCoupon } from '../../../../src/contracts/sales-coupons.schemas';
import type { Order } from './buy.api';
import { useSession } from '../../shell/session';
import { useFormat } from '../../shell/format';
import { ItemThumb } from '../cart/CartItemView';
import type { BuyTarget } from './buy-target';
import { BuyForm } from './BuyForm';
import { PayStep } from './PayStep';
import { useRoomSignals } from '../room/room-signals';
import { SendGiftButton } from '../gifts/SendGiftButton';
import './buy.css';

type Step = { kind: 'choose' } | { kind: 'pay'; order: Order } | { kind: 'done'; order: Order };

/**
 * The buy sheet, over the video (the phone's bottom sheet, the desktop's cart column): choose SKU,
 * quantity, coupon and address; place the order; pay in the provider's page inside the sheet; a
 * confirmation. The video and the chat go on behind it: buying never leaves the room.
 */
export function BuySheet({ slug, roomId, target, coupons, onClose }: {
  slug: string;
  roomId: string;
  target: BuyTarget;
  coupons: RoomCoupon[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const { state } = useSession();
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const signals = useRoomSignals();
  const title = target.kind === 'item' ? target.item.title : target.kind === 'flash' ? target.sale.title : target.presale.title;

  let body;
  if (state.status === 'loading') body = null;
  else if (state.status !== 'signedIn') {
    const next = encodeURIComponent(`/live/${slug}`);
    body = (
      <div className="buy-login">
        <p>{t('buy.loginFirst')}</p>
        <Link className="button" to={`/login?next=${next}`}>{t('nav.login')}</Link>
        <Link className="button button-secondary" to={`/signup?next=${next}`}>{t('nav.signup')}</Link>
      </div>
    );
  } else if (step.kind === 'choose') {
    body = <BuyForm slug={slug} roomId={roomId} target={target} coupons={coupons} onPlaced={(order) => {
      setStep({ kind: 'pay', order });
      signals.orderPlaced({ orderId: order.id });
    }} />;
  } else if (step.kind === 'pay') {
    body = <PayStep order={step.order} onPaid={(order) => {
      setStep({ kind: 'done', order });
      signals.orderPaid({ orderId: order.id });
    }} />;
  } else {
    const { order } = step;
    body = (
      <div className="buy-done" role="status" data-testid="buy-done">
        <p className="buy-done-mark" aria-hidden="true">✓</p>
        <h3>{order.state === 'deposit_paid' ? t('buy.depositPaid') : t('buy.paid')}</h3>
        <p>{t('buy.paidAmount', { amount: format.money(order.paidMinor, order.currency) })}</p>
        <p className="muted">{t('buy.orderNo', { id: order.id.slice(0, 8) })}</p>
        {order.gift && order.state === 'paid' && <SendGiftButton what={{ order: order.id }} />}
        <div className="buy-row">
          <button type="button" className="button" onClick={onClose}>{t('buy.keepWatching')}</button>
          <Link className="button button-secondary" to={`/me/orders/${order.id}`} target="_blank" rel="noopener">{t('buy.seeOrder')}</Link>
        </div>
      </div>
    );
  }

  return (
    <section className="sheet buy-sheet" role="dialog" aria-modal="false" aria-label={t('buy.title', { title })} data-testid="buy-sheet">
      <header className="sheet-head">
        <ItemThumb item={target.kind === 'item' ? target.item : target.kind === 'flash' ? target.sale : target.presale} size="sm" />
        <h2 className="sheet-title">{title}</h2>
        <button type="button" className="sheet-close" onClick={onClose} aria-label={t('cart.closeSheet')}>
          ×
        </button>
      </header>
      <div className="sheet-body">{body}</div>
    </section>
  );
}
