/**
 * Gifts (docs/sharing.md, "Claimable gifts"): a buyer sends a coupon they hold, or a product they
 * paid for, to a friend as a short link /g/CODE, a token (口令) and a QR code — shares' code,
 * token and QR machinery — and the friend claims it once, within the window, or it goes back.
 * Owns `gifts` and `gifts_outbox`; coupon claims and orders are sales', moved through sales' index
 * in this context's transactions.
 */
import type { Db } from '../platform/db/db.port';
import type { Clock } from '../kernel/clock';
import { createClaimGift } from './claim-gift';
import { createGiftsService } from './gifts.service';
import { createGiftsOutbox } from './outbox';
import type { GiftsLog, GiftSales } from './ports';
import { createPresenter } from './present';
import { createGiftPreviews } from './preview';
import { createReturnGifts } from './return-gifts';
import { createSendGift } from './send-gift';

export { giftsRoutes } from './gifts.routes';
export type { GiftSales } from './ports';
export type { GiftEvent } from './outbox';
export type { GiftPreview } from './preview';

export interface GiftsDeps {
  db: Db;
  clock: Clock;
  sales: GiftSales;
  displayNames(ids: readonly string[]): Promise<Map<string, string>>;
  /** An uploaded image's bytes (catalog), for the link-preview card's cover. */
  image?(id: string): Promise<{ bytes: Buffer; contentType: string } | undefined>;
  log: GiftsLog;
  options: {
    publicUrl: string;
    /** How long a friend has to claim (HUTONG_GIFT_CLAIM_HOURS). */
    claimMs: number;
    /** How often the sweep looks for gifts to return (tests call `sweep()` with their own clock). */
    sweepMs: number;
  };
}

export function createGifts({ db, clock, sales, displayNames, image, log, options }: GiftsDeps) {
  const outbox = createGiftsOutbox({ db, clock });
  const present = createPresenter(options.publicUrl);
  const sendGift = createSendGift({ db, clock, sales, claimMs: options.claimMs });
  const claimGift = createClaimGift({ db, clock, sales, outbox });
  const sweep = createReturnGifts({ db, clock, sales, outbox, log });
  let timer: NodeJS.Timeout | undefined;
  let sweeping: Promise<unknown> | undefined;

  const service = createGiftsService({ db, clock, present, sendGift, claimGift, displayNames });
  const previews = createGiftPreviews({ db, clock, publicUrl: options.publicUrl, displayNames, image });

  return {
    service,
    /** /g/CODE's link-preview tags and card (shares' pages serve the page). */
    previews,
    /** Committed gift events, in order, for other contexts (the webhooks); see outbox.ts. */
    outbox: { read: outbox.read },
    /** Something was committed to the outbox on this node. */
    onEvent: outbox.onCommitted,
    /** Returns the gifts past their window now (tests with an injected clock call this). */
    sweep,
    start(): void {
      timer = setInterval(() => {
        sweeping ??= sweep().catch((err: unknown) => log.error({ err }, 'the gift sweep failed')).finally(() => (sweeping = undefined));
      }, options.sweepMs);
      timer.unref();
    },
    async close(): Promise<void> {
      clearInterval(timer);
      await sweeping;
    },
  };
}

export type Gifts = ReturnType<typeof createGifts>;
