import { z } from 'zod';
import { showState } from './media.schemas';
import { pageAnswer } from './pagination.schemas';
import { pinRecord } from './cart.schemas';

/**
 * Analytics: a show's per-minute series, its funnel and per-product counts, a shop's shows compared
 * and the operator's overview. docs/metrics.md defines exactly what every number counts.
 */

const count = z.number().int().nonnegative();

/** One minute of a show (UTC, the minute's start). Per-minute numbers unless the name says total. */
export const showMinute = z.object({
  minute: z.string(),
  /** Mean viewers online over the minute (watch seconds in it / 60). */
  online: z.number().nonnegative(),
  /** Highest online sampled in the minute. */
  onlinePeak: count,
  /** Peak concurrent viewers of the show so far. */
  pcu: count,
  /** Views begun in the minute (viewers entering; a reconnect within 60 s is not one). */
  entering: count,
  viewsTotal: count,
  uniqueTotal: count,
  /** Watch seconds so far / unique viewers so far. */
  avgWatchSeconds: z.number().nonnegative(),
  likes: count,
  chat: count,
  follows: count,
  shares: count,
  cartOpens: count,
  ownClicks: count,
  externalClicks: count,
  orders: count,
  units: count,
  gmvMinor: z.number().int(),
  paidOrders: count,
  paidMinor: z.number().int(),
  /** GMV so far per thousand views so far (minor units). */
  gpmMinor: z.number().int(),
});
export type ShowMinute = z.infer<typeof showMinute>;

export const funnel = z.object({ views: count, cartOpens: count, productClicks: count, orders: count, paid: count });
export type Funnel = z.infer<typeof funnel>;

export const showTotals = z.object({
  pcu: count,
  views: count,
  unique: count,
  watchSeconds: z.number().nonnegative(),
  avgWatchSeconds: z.number().nonnegative(),
  likes: count,
  chat: count,
  follows: count,
  shares: count,
  cartOpens: count,
  ownClicks: count,
  externalClicks: count,
  orders: count,
  units: count,
  gmvMinor: z.number().int(),
  paidOrders: count,
  paidMinor: z.number().int(),
  gpmMinor: z.number().int(),
});
export type ShowTotals = z.infer<typeof showTotals>;

export const analyticsShow = z.object({
  id: z.string().uuid(),
  roomId: z.string().uuid(),
  title: z.string(),
  state: showState,
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  hasReplay: z.boolean(),
});

export const showReportAnswer = z.object({
  show: analyticsShow,
  currency: z.string().nullable(),
  totals: showTotals,
  funnel,
  /** When these numbers were read. */
  at: z.string(),
});
export type ShowReport = z.infer<typeof showReportAnswer>;

export const showSeriesAnswer = pageAnswer('minutes', showMinute);

/** One product (own) or listing (external) of a show: its part of the funnel. */
export const productFunnel = z.object({
  productId: z.string().uuid(),
  kind: z.enum(['product', 'listing']),
  clicks: count,
  orders: count,
  units: count,
  gmvMinor: z.number().int(),
  paidOrders: count,
  paidMinor: z.number().int(),
});
export type ProductFunnel = z.infer<typeof productFunnel>;
export const productFunnelsAnswer = pageAnswer('products', productFunnel);

/** An explained product's window (pin to unpin) and what the show sold in it. */
export const explainWindow = pinRecord.extend({ orders: count, units: count, gmvMinor: z.number().int() });
export const explainWindowsAnswer = pageAnswer('explains', explainWindow);

/** The sharer of shares made by a visitor who was not logged in. */
export const ANONYMOUS_SHARER = 'anonymous';
/** `sharer`: an account id or `anonymous`; `displayName`: the account's name now (null for anonymous, or an account gone). */
export const sharerRow = z.object({ sharer: z.string(), displayName: z.string().nullable(), channel: z.string(), shares: count });
export const sharersAnswer = pageAnswer('sharers', sharerRow);

/** A show of the shop with its headline numbers, for comparing shows. */
export const showSummary = z.object({
  showId: z.string().uuid(),
  roomId: z.string().uuid(),
  firstAt: z.string(),
  lastAt: z.string(),
  currency: z.string().nullable(),
  pcu: count,
  views: count,
  unique: count,
  avgWatchSeconds: z.number().nonnegative(),
  likes: count,
  orders: count,
  paidOrders: count,
  gmvMinor: z.number().int(),
  gpmMinor: z.number().int(),
});
export const showSummariesAnswer = pageAnswer('shows', showSummary);

/** The operator's overview: numbers of every shop since the start of the UTC day, and the busiest rooms now. */
export const overviewAnswer = z.object({
  since: z.string(),
  liveNow: count,
  onlineNow: count,
  views: count,
  orders: count,
  /** GMV by currency (minor units). */
  gmvMinor: z.record(z.string(), z.number().int()),
});
export const busyRoom = z.object({
  showId: z.string().uuid(),
  shopId: z.string().uuid(),
  roomId: z.string().uuid(),
  /** The room's slug as last sampled (for a link to /live/SLUG). */
  roomSlug: z.string().nullable(),
  online: count,
  views: count,
  orders: count,
  gmvMinor: z.number().int(),
  currency: z.string().nullable(),
  lastAt: z.string(),
});
export const busyRoomsAnswer = pageAnswer('rooms', busyRoom);

export const showAnalyticsParams = z.object({ shopId: z.string().uuid(), showId: z.string().uuid() });

/** What a viewer's page reports that only the page knows (docs/metrics.md, "Reported by the page"). */
export const roomBeacon = z.discriminatedUnion('type', [
  z.object({ type: z.literal('cart.opened') }),
  z.object({ type: z.literal('product.opened'), itemId: z.string().uuid() }),
  z.object({ type: z.literal('shop.followed') }),
]);
export type RoomBeacon = z.infer<typeof roomBeacon>;
