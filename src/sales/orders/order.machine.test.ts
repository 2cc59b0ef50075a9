import { describe, expect, it } from 'vitest';
import { nextOrderState, orderTransitions } from './order.machine';

const regular = { kind: 'regular' as const, shippedAt: null };
const presale = { kind: 'presale' as const, shippedAt: null };

describe('order lifecycle table', () => {
  it('goes pending_payment → paid → shipped → completed', () => {
    expect(nextOrderState('pending_payment', 'pay', regular)).toBe('paid');
    expect(nextOrderState('paid', 'ship', regular)).toBe('shipped');
    expect(nextOrderState('shipped', 'complete', regular)).toBe('completed');
  });

  it('takes a presale through its deposit, and pays no presale in one go', () => {
    expect(nextOrderState('pending_payment', 'pay', presale)).toBeNull();
    expect(nextOrderState('pending_payment', 'payDeposit', presale)).toBe('deposit_paid');
    expect(nextOrderState('pending_payment', 'payDeposit', regular)).toBeNull();
    expect(nextOrderState('deposit_paid', 'payBalance', presale)).toBe('paid');
    expect(nextOrderState('deposit_paid', 'forfeit', presale)).toBe('forfeited');
  });

  it('pays once: a second payment of a paid order is refused by the table', () => {
    expect(nextOrderState('paid', 'pay', regular)).toBeNull();
    expect(nextOrderState('expired', 'pay', regular)).toBeNull();
    expect(nextOrderState('cancelled', 'pay', regular)).toBeNull();
  });

  it('cancels and expires only unpaid orders', () => {
    expect(nextOrderState('pending_payment', 'cancel', regular)).toBe('cancelled');
    expect(nextOrderState('pending_payment', 'expire', regular)).toBe('expired');
    expect(nextOrderState('paid', 'cancel', regular)).toBeNull();
    expect(nextOrderState('paid', 'expire', regular)).toBeNull();
  });

  it('ships a partially refunded order only if it was not shipped yet', () => {
    expect(nextOrderState('partially_refunded', 'ship', regular)).toBe('shipped');
    expect(nextOrderState('partially_refunded', 'ship', { ...regular, shippedAt: new Date() })).toBeNull();
  });

  it('leaves no closed state', () => {
    for (const s of ['cancelled', 'expired', 'refunded', 'forfeited'] as const) expect(orderTransitions[s]).toEqual({});
  });
});
