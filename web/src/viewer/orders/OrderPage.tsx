import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useResource } from '../../api/use-resource';
import { useErrorText } from '../../i18n/errors';
import { useSubmit } from '../../shell/forms';
import { useFormat } from '../../shell/format';
import { ErrorNotice, Loading } from '../../shell/ui';
import { fetchOrder, newKey, startPayment, type Order } from '../buy/buy.api';
import { PAID_MESSAGE } from '../buy/PayStep';
import { ItemThumb } from '../cart/CartItemView';
import { askRefund, cancelOrder, confirmReceipt } from './orders.api';
import { OrderStateTag } from './OrderStateTag';
import { SendGiftButton } from '../gifts/SendGiftButton';
import './orders.css';

/**
 * /me/orders/:orderId (and /orders/:orderId, where the payment provider sends the buyer back): one
 * order with what it holds, where it goes, its money and tracking; pay or cancel while unpaid, ask
 * for a refund once paid, confirm it arrived once shipped. Loaded inside the buy sheet's pay frame,
 * it tells the room at once that the buyer came back from paying.
 */
export function OrderPage() {
  const { orderId = '' } = useParams();
  const [found, reload] = useResource((signal) => fetchOrder(orderId, signal), [orderId]);
  useEffect(() => {
    if (window.parent !== window) window.parent.postMessage(PAID_MESSAGE, location.origin);
  }, []);
  if (found.status === 'loading') return <Loading />;
  if (found.status === 'error') return <ErrorNotice error={found.error} onRetry={reload} />;
  return <OrderView order={found.data} onChanged={reload} />;
}

function OrderView({ order, onChanged }: { order: Order; onChanged: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const money = (minor: number) => format.money(minor, order.currency);
  const a = order.address;
  return (
    <div className="order-page" data-testid="order-page" data-state={order.state}>
      <p className="muted">
        <Link to="/me">{t('orders.back')}</Link>
      </p>
      <header className="page-head order-head">
        <h1>{t('buy.orderNo', { id: order.id.slice(0, 8) })}</h1>
        <OrderStateTag state={order.state} />
      </header>
      <section className="card">
        <ul className="order-lines">
          {order.lines.map((l, i) => (
            <li key={i} className="order-line">
              <ItemThumb item={{ title: l.title, imageUrl: l.imageUrl }} />
              <span className="order-row-body">
                <span>{l.title}</span>
                {l.skuLabel && <span className="muted">{l.skuLabel}</span>}
              </span>
              <span className="num">{money(l.unitPriceMinor)} × {l.quantity}</span>
            </li>
          ))}
        </ul>
        <dl className="order-money">
          <dt>{t('buy.subtotal')}</dt>
          <dd>{money(order.subtotalMinor)}</dd>
          {order.discountMinor > 0 && (
            <>
              <dt>{t('buy.discount')}</dt>
              <dd>−{money(order.discountMinor)}</dd>
            </>
          )}
          <dt>{t('buy.total')}</dt>
          <dd><strong>{money(order.totalMinor)}</strong></dd>
          <dt>{t('orders.paid')}</dt>
          <dd data-testid="order-paid">{money(order.paidMinor)}</dd>
          {order.refundedMinor > 0 && (
            <>
              <dt>{t('orders.refunded')}</dt>
              <dd>{money(order.refundedMinor)}</dd>
            </>
          )}
        </dl>
      </section>
      <section className="card">
        <h2>{t('buy.address')}</h2>
        {a ? (
          <p>
            {a.name} {a.phone}
            <br />
            {[a.region, a.city, a.line1, a.postcode].filter(Boolean).join(' ')}
          </p>
        ) : (
          <>
            <p className="muted" data-testid="order-gift-address">{t('gifts.awaitingAddress')}</p>
            {order.state === 'paid' && <SendGiftButton what={{ order: order.id }} />}
          </>
        )}
        {order.carrier && <p data-testid="order-tracking">{t('orders.tracking', { carrier: order.carrier, number: order.trackingNumber })}</p>}
        <p className="muted">{t('orders.placed', { time: format.dateTime(order.createdAt) })}</p>
        {order.state === 'pending_payment' && order.expiresAt && <p className="muted">{t('buy.payBy', { time: format.dateTime(order.expiresAt) })}</p>}
        {order.refundRequestedAt && <p className="text-note" data-testid="order-refund-asked">{t('orders.refundAsked', { time: format.dateTime(order.refundRequestedAt) })}</p>}
      </section>
      <OrderActions order={order} onChanged={onChanged} />
    </div>
  );
}

function OrderActions({ order, onChanged }: { order: Order; onChanged: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const submit = useSubmit();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  // One key per order and action: a double tap or a retry never acts twice.
  const keys = useRef(new Map<string, string>());
  const keyOf = (action: string) => {
    if (!keys.current.has(action)) keys.current.set(action, newKey());
    return keys.current.get(action)!;
  };
  const act = (action: () => Promise<unknown>) => submit.run(async () => {
    await action();
    onChanged();
  });
  const canRefund = (order.state === 'paid' || order.state === 'shipped' || order.state === 'deposit_paid') && !order.refundRequestedAt;

  return (
    <div className="order-actions">
      {order.due && (
        <button
          type="button"
          className="button"
          disabled={submit.pending}
          onClick={() => void submit.run(async () => {
            location.assign((await startPayment(order.id, keyOf(`pay-${order.due!.purpose}`))).payUrl);
          })}
        >
          {t('orders.pay')}
        </button>
      )}
      {order.state === 'pending_payment' && (
        <button type="button" className="button-secondary" disabled={submit.pending} onClick={() => void act(() => cancelOrder(order.id, keyOf('cancel')))}>
          {t('orders.cancel')}
        </button>
      )}
      {order.state === 'shipped' && (
        <button type="button" className="button-secondary" disabled={submit.pending} onClick={() => void act(() => confirmReceipt(order.id, keyOf('receipt')))}>
          {t('orders.received')}
        </button>
      )}
      {canRefund && !asking && (
        <button type="button" className="button-secondary" onClick={() => setAsking(true)}>
          {t('orders.askRefund')}
        </button>
      )}
      {asking && (
        <form
          className="order-refund"
          onSubmit={(e) => {
            e.preventDefault();
            void act(async () => {
              await askRefund(order.id, reason.trim(), keyOf('refund'));
              setAsking(false);
            });
          }}
        >
          <label className="field">
            <span className="field-label">{t('orders.refundReason')}</span>
            <textarea name="reason" maxLength={500} required value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          <button type="submit" className="button" disabled={submit.pending || reason.trim() === ''}>
            {t('orders.sendRefund')}
          </button>
        </form>
      )}
      {submit.error !== null && <p role="alert" className="field-invalid">{errorText(submit.error)}</p>}
    </div>
  );
}
