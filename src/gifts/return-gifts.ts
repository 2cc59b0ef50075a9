import type { Db } from '../platform/db/db.port';
import type { GiftReturnedData } from '../contracts/gifts.schemas';
import type { Clock } from '../kernel/clock';
import { giftsRepo } from './gifts.repo';
import type { GiftsOutbox } from './outbox';
import type { GiftsLog, GiftSales } from './ports';

const BATCH = 100;

/**
 * Gifts nobody claimed in their window go back to their senders: a coupon claim is the sender's
 * to use again, a gift order is refunded whole (its units back to stock). Each gift returns in one
 * transaction with its `gift.returned` event; the conditional UPDATE (open and past its window)
 * makes a return and a claim exclusive, and two nodes sweeping together return each gift once.
 */
export function createReturnGifts(deps: { db: Db; clock: Clock; sales: GiftSales; outbox: GiftsOutbox; log: GiftsLog }) {
  async function returnOne(id: string): Promise<boolean> {
    let afterCommit: (() => Promise<void>) | undefined;
    const returned = await deps.db.transaction(async (tx) => {
      const now = deps.clock.now();
      const row = await giftsRepo.giveBack(tx, id, now);
      if (!row) return false;
      if (row.kind === 'coupon') await deps.sales.releaseCoupon(tx, row.couponClaimId!, row.senderId);
      else afterCommit = (await deps.sales.refundUnclaimed(tx, row.orderId!)).afterCommit;
      const data: GiftReturnedData = {
        giftId: row.id, kind: row.kind, senderId: row.senderId, couponClaimId: row.couponClaimId, orderId: row.orderId, returnedAt: now.toISOString(),
      };
      await deps.outbox.emit(tx, row.shopId, row.id, 'gift.returned', data);
      return true;
    });
    if (afterCommit) await afterCommit();
    return returned;
  }

  /** Returns every gift past its window now; answers how many went back. */
  return async function sweep(): Promise<number> {
    let count = 0;
    for (;;) {
      const ids = await giftsRepo.due(deps.db, deps.clock.now(), BATCH);
      const before = count;
      for (const id of ids) {
        try {
          if (await returnOne(id)) count++;
        } catch (err) {
          deps.log.error({ err, giftId: id }, 'returning a gift failed; the next sweep tries again');
        }
      }
      // A full batch that all failed would come back the same: leave it to the next sweep.
      if (ids.length < BATCH || count === before) break;
    }
    if (count > 0) deps.outbox.committed();
    return count;
  };
}
