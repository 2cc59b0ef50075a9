import { useTranslation } from 'react-i18next';
import type { OrderState } from '../../../../src/contracts/sales-orders.schemas';
import './orders.css';

/** An order's state as a coloured tag: waiting (pay now), going (paid, shipped), done, or closed. */
const tone: Record<OrderState, 'wait' | 'go' | 'done' | 'closed'> = {
  pending_payment: 'wait',
  deposit_paid: 'wait',
  paid: 'go',
  shipped: 'go',
  completed: 'done',
  cancelled: 'closed',
  expired: 'closed',
  refunded: 'closed',
  partially_refunded: 'done',
  forfeited: 'closed',
};

export function OrderStateTag({ state }: { state: OrderState }) {
  const { t } = useTranslation();
  return (
    <span className={`order-state order-state-${tone[state]}`} data-state={state}>
      {t(`orders.states.${state}`)}
    </span>
  );
}
