import type { Db } from '../platform/db/db.port';
import type { Clock } from '../kernel/clock';
import { AppError } from '../kernel/app-error';
import type { AddressInput } from '../contracts/sales-orders.schemas';
import type { GiftClaimedData } from '../contracts/gifts.schemas';
import { giftsRepo, type GiftRow } from './gifts.repo';
import type { GiftsOutbox } from './outbox';
import type { GiftSales } from './ports';

/** Why a gift cannot be claimed now, as a coded refusal. */
function refusal(row: GiftRow, claimerId: string, now: Date): AppError | undefined {
  if (row.senderId === claimerId) return new AppError('GIFTS_OWN_GIFT');
  if (row.state === 'claimed') return new AppError('GIFTS_ALREADY_CLAIMED');
  if (row.state === 'returned' || row.expiresAt <= now) return new AppError('GIFTS_EXPIRED');
  return undefined;
}

/**
 * A friend claims a gift. The gift's row moves open → claimed by one conditional UPDATE (racing
 * claims: the first to commit wins, the others find it claimed: GIFTS_ALREADY_CLAIMED), and in the
 * same transaction sales passes the coupon claim to the friend or ships the order to their address,
 * and `gift.claimed` goes into the outbox — all of it, or none.
 */
export function createClaimGift(deps: { db: Db; clock: Clock; sales: GiftSales; outbox: GiftsOutbox }) {
  return async function claim(code: string, claimerId: string, body: { address?: AddressInput | undefined; addressId?: string | undefined }): Promise<GiftRow> {
    const found = await giftsRepo.byCode(deps.db, code);
    if (!found) throw new AppError('GIFTS_NOT_FOUND');
    const early = refusal(found, claimerId, deps.clock.now());
    if (early) throw early;
    let address = null;
    if (found.kind === 'product') {
      if (!body.address && !body.addressId) throw new AppError('GIFTS_ADDRESS_REQUIRED');
      // Read before the transaction: PGlite's one connection must not wait on another query inside it.
      address = await deps.sales.addressOf(claimerId, body);
    }
    const claimed = await deps.db.transaction(async (tx) => {
      const now = deps.clock.now();
      const row = await giftsRepo.take(tx, found.id, claimerId, now);
      if (!row) throw refusal((await giftsRepo.byId(tx, found.id))!, claimerId, now) ?? new AppError('GIFTS_GONE');
      const moved = row.kind === 'coupon'
        ? await deps.sales.passCoupon(tx, row.couponClaimId!, row.senderId, claimerId, now)
        : await deps.sales.deliverTo(tx, row.orderId!, address!, claimerId, now);
      if (!moved) throw new AppError('GIFTS_GONE');
      const data: GiftClaimedData = {
        giftId: row.id, kind: row.kind, senderId: row.senderId, recipientId: claimerId, couponId: null, couponClaimId: row.couponClaimId,
        orderId: row.orderId, claimedAt: now.toISOString(),
      };
      await deps.outbox.emit(tx, row.shopId, row.id, 'gift.claimed', data);
      return row;
    });
    deps.outbox.committed();
    return claimed;
  };
}
