import { z } from 'zod';
import { currency } from './catalog.schemas';
import { shopParams } from './identity.schemas';
import { quantity, shipTo } from './sales-orders.schemas';

export type Currency = z.infer<typeof currency>;

/**
 * Campaigns hold units of one product (or SKU), taken from its stock when created and given back
 * when they end: flash sales (秒杀) sell them at a price in a short window with a per-buyer limit;
 * presales (预售) take deposits (定金, worth more than paid: 定金膨胀) and the balance (尾款) later.
 */

const minutes = z.number().int().min(1).max(24 * 60);
const isoDate = z.string().datetime({ offset: true });

export const createFlashSaleBody = z.object({
  /** The room whose viewers see it (its cart usually shows the product). */
  roomId: z.string().uuid(),
  productId: z.string().uuid(),
  skuId: z.string().uuid().nullable().default(null),
  priceMinor: z.number().int().min(0).max(10_000_000_000),
  units: z.number().int().min(1).max(1_000_000),
  perBuyerLimit: z.number().int().min(1).max(99).default(1),
  /** Leave out to start now. */
  startsAt: isoDate.optional(),
  durationMinutes: minutes.default(10),
});
export type CreateFlashSaleBody = z.infer<typeof createFlashSaleBody>;

export const flashSaleState = z.enum(['scheduled', 'live', 'ended', 'cancelled']);
export const presaleState = z.enum(['scheduled', 'deposit', 'waiting', 'balance', 'closed', 'cancelled']);

const campaignBase = z.object({
  id: z.string().uuid(),
  roomId: z.string().uuid().nullable(),
  productId: z.string().uuid(),
  skuId: z.string().uuid().nullable(),
  title: z.string(),
  skuLabel: z.string(),
  imageUrl: z.string().nullable(),
  currency,
  priceMinor: z.number().int(),
  /** The product's usual price, for the crossed-out figure. */
  listPriceMinor: z.number().int(),
  units: z.number().int(),
  /** Units in live orders (paid or awaiting payment); `units - sold` are left. */
  sold: z.number().int(),
  perBuyerLimit: z.number().int(),
  startsAt: z.string(),
  endsAt: z.string(),
  createdAt: z.string(),
});

export const flashSale = campaignBase.extend({ state: flashSaleState });
export type FlashSale = z.infer<typeof flashSale>;
export const flashSaleAnswer = z.object({ flashSale });

export const createPresaleBody = z.object({
  roomId: z.string().uuid().nullable().default(null),
  productId: z.string().uuid(),
  skuId: z.string().uuid().nullable().default(null),
  /** The presale price; the buyer pays the deposit now and price − depositWorth later. */
  priceMinor: z.number().int().min(1).max(10_000_000_000),
  depositMinor: z.number().int().min(1).max(10_000_000_000),
  /** What the deposit counts for (定金膨胀: pay 50, worth 100); at least the deposit, at most the price. */
  depositWorthMinor: z.number().int().min(1).max(10_000_000_000),
  units: z.number().int().min(1).max(1_000_000),
  perBuyerLimit: z.number().int().min(1).max(99).default(1),
  depositStartsAt: isoDate.optional(),
  depositEndsAt: isoDate,
  balanceStartsAt: isoDate,
  balanceEndsAt: isoDate,
  /** What happens to the deposit when the balance is not paid in its window. */
  missedBalance: z.enum(['forfeit', 'refund']),
});
export type CreatePresaleBody = z.infer<typeof createPresaleBody>;

export const presale = campaignBase.extend({
  state: presaleState,
  depositMinor: z.number().int(),
  depositWorthMinor: z.number().int(),
  /** What is left to pay after the deposit: price − depositWorth. */
  balanceMinor: z.number().int(),
  balanceStartsAt: z.string(),
  balanceEndsAt: z.string(),
  missedBalance: z.enum(['forfeit', 'refund']),
});
export type Presale = z.infer<typeof presale>;
export const presaleAnswer = z.object({ presale });

export const flashSaleParams = z.object({ saleId: z.string().uuid() });
export const shopFlashSaleParams = shopParams.extend({ saleId: z.string().uuid() });
export const presaleParams = z.object({ presaleId: z.string().uuid() });
export const shopPresaleParams = shopParams.extend({ presaleId: z.string().uuid() });

/** A flash-sale purchase or a presale deposit: how many, and where to. */
export const campaignOrderBody = z.object({ quantity: quantity.default(1), ...shipTo });
export type CampaignOrderBody = z.infer<typeof campaignOrderBody>;

/** A flash sale as a room's viewers see it (room events and the room's sales answer). */
export const roomFlashSale = z.object({
  id: z.string().uuid(),
  productId: z.string().uuid(),
  skuId: z.string().uuid().nullable(),
  title: z.string(),
  skuLabel: z.string(),
  imageUrl: z.string().nullable(),
  currency,
  priceMinor: z.number().int(),
  listPriceMinor: z.number().int(),
  units: z.number().int(),
  left: z.number().int(),
  perBuyerLimit: z.number().int(),
  startsAt: z.string(),
  endsAt: z.string(),
});
export type RoomFlashSale = z.infer<typeof roomFlashSale>;
