import type { Db } from '../platform/db/db.port';
import type { Clock } from '../kernel/clock';
import type { PageQuery } from '../contracts/pagination.schemas';
import type { AddressInput } from '../contracts/sales-orders.schemas';
import type { SendGiftBody } from '../contracts/gifts.schemas';
import { AppError } from '../kernel/app-error';
import { mapPage } from '../platform/db/keyset';
import { codesIn } from '../shares';
import type { createClaimGift } from './claim-gift';
import { giftsRepo, type GiftRow } from './gifts.repo';
import type { Presenter } from './present';
import type { createSendGift } from './send-gift';

/** What the routes ask of gifts: send, list, view, claim, resolve. */
export function createGiftsService({ db, clock, present, sendGift, claimGift, displayNames }: {
  db: Db;
  clock: Clock;
  present: Presenter;
  sendGift: ReturnType<typeof createSendGift>;
  claimGift: ReturnType<typeof createClaimGift>;
  displayNames(ids: readonly string[]): Promise<Map<string, string>>;
}) {
  const sentOf = async (row: GiftRow) => present.sent(row, await displayNames(row.claimedBy ? [row.claimedBy] : []));

  async function found(code: string) {
    const row = await giftsRepo.byCode(db, code);
    if (!row) throw new AppError('GIFTS_NOT_FOUND');
    return row;
  }

  const service = {
    async send(senderId: string, body: SendGiftBody) {
      return present.sent(await sendGift(senderId, body), new Map());
    },

    /** "My gifts": the sender's gifts, newest first, with their states and who claimed each. */
    async mine(senderId: string, query: PageQuery) {
      const page = await giftsRepo.pageOfSender(db, senderId, query);
      const names = await displayNames([...new Set(page.items.flatMap((g) => (g.claimedBy ? [g.claimedBy] : [])))]);
      return mapPage(page, (g) => present.sent(g, names));
    },

    /** One of the sender's gifts. */
    async sentOne(senderId: string, id: string) {
      const row = await giftsRepo.byId(db, id);
      if (!row || row.senderId !== senderId) throw new AppError('GIFTS_NOT_FOUND');
      return sentOf(row);
    },

    /** The claim page's view of a gift, for anyone holding its code. */
    async view(code: string, callerId: string | null) {
      const row = await found(code);
      const names = await displayNames([row.senderId]);
      return present.view(row, names.get(row.senderId) ?? '', callerId, clock.now());
    },

    async claim(code: string, claimerId: string, body: { address?: AddressInput | undefined; addressId?: string | undefined }) {
      const row = await claimGift(code, claimerId, body);
      const names = await displayNames([row.senderId]);
      return {
        gift: present.view(row, names.get(row.senderId) ?? '', claimerId, clock.now()),
        couponClaimId: row.couponClaimId,
        orderId: row.orderId,
      };
    },

    /** The short link of a gift that still exists, to draw as a QR code. */
    async link(code: string) {
      return present.url((await found(code)).code);
    },

    /** The first gift a pasted text carries (a token or a /g/ link). */
    async resolve(text: string) {
      const candidates = [...codesIn(text), ...[...text.matchAll(/\/g\/([A-Za-z0-9]{11})(?![A-Za-z0-9])/g)].map((m) => m[1]!)];
      for (const code of candidates) {
        const row = await giftsRepo.byCode(db, code);
        if (row) return { code: row.code, url: present.url(row.code) };
      }
      throw new AppError('GIFTS_NOT_FOUND');
    },
  };

  return service;
}

export type GiftsService = ReturnType<typeof createGiftsService>;
