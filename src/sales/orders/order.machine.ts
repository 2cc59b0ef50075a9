import type { OrderKind, OrderState } from '../../contracts/sales-orders.schemas';

/**
 * The order lifecycle as data (docs/sales.md, "States"). A transition not in the table is refused,
 * so a late or repeated event (a second payment callback, an expiry racing a payment) changes nothing.
 * Guards read the order itself: a presale pays a deposit first, and an order is shipped only once.
 */
export type OrderEvent =
  | 'pay' // the whole order paid
  | 'payDeposit' // a presale's deposit paid
  | 'payBalance' // a presale's balance paid
  | 'cancel' // the buyer or the merchant cancels an unpaid order
  | 'expire' // unpaid past its deadline
  | 'ship'
  | 'complete'
  | 'refund' // everything paid goes back
  | 'refundPart' // some of it goes back
  | 'forfeit'; // a presale's balance window passed: the deposit is kept

export interface OrderFacts {
  kind: OrderKind;
  shippedAt: Date | null;
}

type Guard = (o: OrderFacts) => boolean;
const presale: Guard = (o) => o.kind === 'presale';
const notPresale: Guard = (o) => o.kind !== 'presale';
const notShipped: Guard = (o) => o.shippedAt === null;

type Rule = OrderState | { to: OrderState; when: Guard };

export const orderTransitions: Record<OrderState, Partial<Record<OrderEvent, Rule>>> = {
  pending_payment: {
    pay: { to: 'paid', when: notPresale },
    payDeposit: { to: 'deposit_paid', when: presale },
    cancel: 'cancelled',
    expire: 'expired',
  },
  deposit_paid: { payBalance: 'paid', forfeit: 'forfeited', refund: 'refunded' },
  paid: { ship: 'shipped', refund: 'refunded', refundPart: 'partially_refunded' },
  shipped: { complete: 'completed', refund: 'refunded', refundPart: 'partially_refunded' },
  completed: { refund: 'refunded', refundPart: 'partially_refunded' },
  partially_refunded: { ship: { to: 'shipped', when: notShipped }, refund: 'refunded', refundPart: 'partially_refunded' },
  cancelled: {},
  expired: {},
  refunded: {},
  forfeited: {},
};

/** The state after `event`, or null when the table (or a guard) refuses it. */
export function nextOrderState(from: OrderState, event: OrderEvent, facts: OrderFacts): OrderState | null {
  const rule = orderTransitions[from][event];
  if (!rule) return null;
  if (typeof rule === 'string') return rule;
  return rule.when(facts) ? rule.to : null;
}

/** States in which an order holds its units (they go back when it leaves them for a closed state). */
export const holdsUnits = (s: OrderState): boolean => s === 'pending_payment' || s === 'deposit_paid' || s === 'paid' || s === 'shipped' || s === 'completed' || s === 'partially_refunded';

/** A buyer who reached one of these has bought (the `buyer` chat role). */
export const hasPaid = (s: OrderState): boolean => s === 'paid' || s === 'shipped' || s === 'completed' || s === 'partially_refunded' || s === 'deposit_paid';
