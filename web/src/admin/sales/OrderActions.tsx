import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ShopOrder } from '../../../../src/contracts/sales-orders.schemas';
import { useErrorText } from '../../i18n/errors';
import { useSubmit } from '../../shell/forms';
import { parseMajorUnits, useFormat } from '../../shell/format';
import { newKey } from '../../viewer/buy/buy.api';
import { cancelShopOrder, refundOrder, shipOrder } from './sales-admin.api';

type Open = 'ship' | 'refund' | null;

/**
 * What the merchant can do with one order: ship a paid one (carrier and tracking number), cancel an
 * unpaid one, refund what was paid — all of it (every unit still out goes back to stock) or a part (an
 * amount, a reason and the units of each line that came back, if any; the order becomes partially
 * refunded). One Idempotency-Key per order and action, so a
 * double click or a retry never ships or refunds twice; a refund of another amount is another action.
 */
export function OrderActions({ shopId, order, onChanged }: { shopId: string; order: ShopOrder; onChanged: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const format = useFormat();
  const submit = useSubmit();
  const [open, setOpen] = useState<Open>(null);
  const [amountProblem, setAmountProblem] = useState(false);
  const keys = useRef(new Map<string, string>());
  const keyOf = (action: string) => {
    if (!keys.current.has(action)) keys.current.set(action, newKey());
    return keys.current.get(action)!;
  };
  const run = (action: () => Promise<unknown>) => submit.run(async () => {
    await action();
    setOpen(null);
    onChanged();
  });
  const canShip = order.state === 'paid';
  const canCancel = order.state === 'pending_payment';
  const canRefund = order.paidMinor > order.refundedMinor && ['paid', 'shipped', 'completed', 'deposit_paid', 'partially_refunded'].includes(order.state);

  const onShip = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const v = Object.fromEntries(new FormData(e.currentTarget)) as Record<string, string>;
    void run(() => shipOrder(shopId, order.id, { carrier: (v.carrier ?? '').trim(), trackingNumber: (v.trackingNumber ?? '').trim() }, keyOf('ship')));
  };
  const refundable = order.paidMinor - order.refundedMinor;
  // What of each line the buyer still has: a partial refund may take some of it back.
  const out = order.lines.map((l, line) => ({ line, title: l.title, quantity: l.quantity - (order.returnedUnits[line] ?? 0) })).filter((u) => u.quantity > 0);
  const onRefund = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const v = new FormData(e.currentTarget);
    const reason = String(v.get('reason') ?? '').trim();
    const typed = String(v.get('amount') ?? '').trim();
    // Empty or the whole remainder: everything paid goes back (and the units with it).
    const amountMinor = typed ? parseMajorUnits(typed, order.currency) : refundable;
    if (amountMinor === null || amountMinor < 1 || amountMinor > refundable) return setAmountProblem(true);
    // Units back only with a part: the whole refund gives back every unit still out.
    const units = out.map((u) => ({ line: u.line, quantity: Number(v.get(`units-${u.line}`) || 0) })).filter((u) => u.quantity > 0);
    if (units.some((u) => !Number.isInteger(u.quantity) || u.quantity > out.find((o) => o.line === u.line)!.quantity)) return setAmountProblem(true);
    setAmountProblem(false);
    const whole = amountMinor === refundable;
    const body = whole ? { reason } : { amountMinor, reason, ...(units.length > 0 ? { units } : {}) };
    void run(() => refundOrder(shopId, order.id, body, keyOf(`refund:${whole ? 'all' : `${amountMinor}:${JSON.stringify(units)}`}`)));
  };

  return (
    <div className="order-admin-actions">
      {open === null && (
        <div className="order-admin-buttons">
          {canShip && <button type="button" className="button-small" onClick={() => setOpen('ship')}>{t('adminSales.ship')}</button>}
          {canCancel && (
            <button type="button" className="button-small button-secondary" disabled={submit.pending} onClick={() => void run(() => cancelShopOrder(shopId, order.id, keyOf('cancel')))}>
              {t('orders.cancel')}
            </button>
          )}
          {canRefund && <button type="button" className="button-small button-secondary" onClick={() => setOpen('refund')}>{t('adminSales.refund')}</button>}
        </div>
      )}
      {open === 'ship' && (
        <form className="order-admin-form" onSubmit={onShip} aria-label={t('adminSales.ship')}>
          <input name="carrier" required maxLength={60} placeholder={t('adminSales.carrier')} aria-label={t('adminSales.carrier')} />
          <input name="trackingNumber" required pattern="[A-Za-z0-9-]{4,40}" placeholder={t('adminSales.tracking')} aria-label={t('adminSales.tracking')} />
          <button type="submit" className="button-small" disabled={submit.pending}>{t('adminSales.markShipped')}</button>
          <button type="button" className="button-link" onClick={() => setOpen(null)}>{t('buy.cancel')}</button>
        </form>
      )}
      {open === 'refund' && (
        <form className="order-admin-form" onSubmit={onRefund} aria-label={t('adminSales.refund')} noValidate>
          <input
            name="amount" inputMode="decimal" className="order-refund-amount"
            placeholder={t('adminSales.refundAmountAll', { amount: format.money(refundable, order.currency) })}
            aria-label={t('adminSales.refundAmount')} aria-invalid={amountProblem || undefined}
          />
          {out.map((u) => (
            <input
              key={u.line} name={`units-${u.line}`} type="number" min={0} max={u.quantity} step={1} inputMode="numeric" className="order-refund-units"
              placeholder={t('adminSales.refundUnits', { title: u.title })} aria-label={t('adminSales.refundUnits', { title: u.title })}
            />
          ))}
          <input name="reason" required maxLength={500} placeholder={t('adminSales.refundReason')} aria-label={t('adminSales.refundReason')} />
          <button type="submit" className="button-small" disabled={submit.pending}>{t('adminSales.refundSubmit')}</button>
          <button type="button" className="button-link" onClick={() => setOpen(null)}>{t('buy.cancel')}</button>
        </form>
      )}
      {open === 'refund' && (
        <p className="muted order-refund-hint">
          {amountProblem
            ? <span role="alert" className="field-invalid">{t('adminSales.refundAmountInvalid', { amount: format.money(refundable, order.currency) })}</span>
            : t('adminSales.refundHint')}
        </p>
      )}
      {submit.error !== null && <p role="alert" className="field-invalid">{errorText(submit.error)}</p>}
    </div>
  );
}
