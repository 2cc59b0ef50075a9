import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../i18n/errors';
import { useFormat } from '../../shell/format';
import { fetchOrder, newKey, startPayment, type Order, type Payment } from './buy.api';

/** How often the sheet asks whether the order was paid while the provider's page is open. */
const POLL_MS = 1500;

/** Sent by /me/orders/:id when it loads inside the pay frame (the provider sends the buyer back there). */
export const PAID_MESSAGE = 'hutong.order.returned';

/**
 * Paying: the payment is started once (one Idempotency-Key per sheet, so a retry never opens a
 * second one), the provider's hosted page opens in a frame inside the sheet (and can be opened in a
 * new window instead), and the sheet watches the order until its state says the money arrived.
 */
export function PayStep({ order, onPaid }: { order: Order; onPaid: (order: Order) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const errorText = useErrorText();
  const [payment, setPayment] = useState<Payment>();
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const key = useRef(newKey());
  const paidRef = useRef(onPaid);
  paidRef.current = onPaid;

  useEffect(() => {
    let gone = false;
    startPayment(order.id, key.current).then(
      (p) => gone || setPayment(p),
      (err: unknown) => gone || setError(err),
    );
    return () => {
      gone = true;
    };
  }, [order.id, attempt]);

  useEffect(() => {
    let gone = false;
    const check = async () => {
      try {
        const now = await fetchOrder(order.id);
        if (!gone && now.state !== 'pending_payment') paidRef.current(now);
      } catch {
        // a missed check is retried on the next tick
      }
    };
    const timer = setInterval(() => void check(), POLL_MS);
    const onMessage = (e: MessageEvent) => {
      if (e.origin === location.origin && e.data === PAID_MESSAGE) void check();
    };
    window.addEventListener('message', onMessage);
    return () => {
      gone = true;
      clearInterval(timer);
      window.removeEventListener('message', onMessage);
    };
  }, [order.id]);

  const due = order.due?.amountMinor ?? order.totalMinor;
  // Inside another site's frame (the embedded room) the provider's page opens in a window of its own:
  // a page that takes payments is never framed by sites it does not know (frame-ancestors).
  const nested = window.parent !== window;
  return (
    <div className="buy-pay">
      <dl className="buy-summary">
        <div>
          <dt>{t('buy.subtotal')}</dt>
          <dd>{format.money(order.subtotalMinor, order.currency)}</dd>
        </div>
        {order.discountMinor > 0 && (
          <div>
            <dt>{t('buy.discount')}</dt>
            <dd>−{format.money(order.discountMinor, order.currency)}</dd>
          </div>
        )}
        <div className="buy-summary-due">
          <dt>{order.due?.purpose === 'deposit' ? t('buy.dueDeposit') : t('buy.due')}</dt>
          <dd data-testid="buy-due">{format.money(due, order.currency)}</dd>
        </div>
      </dl>
      {order.expiresAt && <p className="muted">{t('buy.payBy', { time: format.dateTime(order.expiresAt) })}</p>}
      {error !== null && (
        <p role="alert" className="field-invalid">
          {errorText(error)}{' '}
          <button type="button" className="button-link" onClick={() => { setError(null); setAttempt((n) => n + 1); }}>
            {t('shell.retry')}
          </button>
        </p>
      )}
      {payment && (
        <>
          {!nested && <iframe className="buy-pay-frame" src={payment.payUrl} title={t('buy.payFrame')} data-testid="pay-frame" />}
          <a className="button-link" href={payment.payUrl} target="_blank" rel="noopener">
            {t('buy.payElsewhere')} ↗
          </a>
        </>
      )}
    </div>
  );
}
