import type { GiftHolds } from '../sales';

/** What gifts asks of sales (its index's `gifts`: gift-holds.ts there), in gifts' own transactions. */
export type GiftSales = Pick<GiftHolds, 'holdCoupon' | 'passCoupon' | 'releaseCoupon' | 'giftOrder' | 'addressOf' | 'deliverTo' | 'refundUnclaimed'>;

export interface GiftsLog {
  error(o: object, m: string): void;
  warn(o: object, m: string): void;
}
