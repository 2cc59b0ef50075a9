import { z } from 'zod';
import { key, text } from './text.schemas';
import { pageAnswer } from './pagination.schemas';

/**
 * Shares (docs/sharing.md): a short link /s/CODE, a share token (口令) and a QR code for a room or a
 * product, each remembering who shared it and on which channel.
 */

/** Where a share is sent from the share sheet; `other` when the client does not say. */
export const shareChannels = ['copy', 'qr', 'poster', 'wechat', 'douyin', 'qq', 'weibo', 'other'] as const;
export const shareChannel = z.enum(shareChannels);
export type ShareChannel = z.infer<typeof shareChannel>;

/** 11 characters of a 56-letter alphabet (no 0/O, 1/l/I): ≈ 63.9 bits. */
export const SHARE_CODE_LENGTH = 11;
export const shareCodePattern = /^[a-km-zA-HJ-NP-Z2-9]{11}$/;
export const shareCode = z.string().regex(shareCodePattern, 'a share code');

export const shareTargetInput = z.union([
  z.object({ room: key({ max: 40 }) }).strict(),
  z.object({ product: z.string().uuid() }).strict(),
  /** An external listing (a Taobao, JD… item): the link policy's `share` scene decides what it becomes. */
  z.object({ listing: z.string().uuid() }).strict(),
]);

export const createShareBody = z.object({ target: shareTargetInput, channel: shareChannel.optional() });

export const share = z.object({
  code: z.string(),
  /** Absolute: `HUTONG_PUBLIC_URL/s/CODE`. */
  url: z.string(),
  /** The text to paste where links are blocked, e.g. `￥hT7kQ2abcde￥ 打开 hutong 看直播「互通开播」`. */
  token: z.string(),
  qrSvgUrl: z.string(),
  qrPngUrl: z.string(),
  posterUrl: z.string(),
  channel: shareChannel,
  expiresAt: z.string(),
});
export type Share = z.infer<typeof share>;
export const shareAnswer = z.object({ share });

/** What a share leads to, as any visitor may see it. */
export const shareTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('room'), slug: z.string(), title: z.string() }),
  z.object({ kind: z.literal('product'), id: z.string(), title: z.string() }),
  /** `mode`: the link policy now — `link` (the visit goes to the marketplace) or `token` (its link shown as text). */
  z.object({ kind: z.literal('listing'), id: z.string(), title: z.string(), marketplace: z.string(), mode: z.enum(['link', 'token']) }),
]);
export type ShareTarget = z.infer<typeof shareTarget>;

export const resolveQuery = z.object({ text: text({ max: 4000, multiline: true }) });
export const resolveAnswer = z.object({
  code: z.string(),
  target: shareTarget,
  /** Open this to go there (it counts the visit): the share's own /s/CODE link, absolute. */
  url: z.string(),
  /** The target's page, absolute. */
  targetUrl: z.string(),
});

export const shareCodeParams = z.object({ code: key({ max: 40 }) });
export const shopShareParams = z.object({ shopId: z.string().uuid(), code: key({ max: 40 }) });

/** A share as the shop sees it. */
export const shopShare = z.object({
  code: z.string(),
  target: shareTarget.nullable(),
  channel: shareChannel,
  sharer: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  visits: z.number().int(),
});
export const shopSharesAnswer = pageAnswer('shares', shopShare);
export const shopShareAnswer = z.object({ share: shopShare });

/**
 * What the room page tells about a browser that came through a share: the room opened (binds the
 * browser's visits to the account when logged in), the cart or an item of it opened, a click-out.
 */
export const shareSignals = ['room.opened', 'cart.opened', 'link.clicked'] as const;
export const shareSignal = z.enum(shareSignals);
export type ShareSignal = z.infer<typeof shareSignal>;
export const shareSignalBody = z.object({ signal: shareSignal, room: key({ max: 40 }) });

/** One row of the shares funnel: per channel (key = the channel) or per sharer (key = account id, '' anonymous). */
export const shareFunnelRow = z.object({
  key: z.string(),
  /** The channel, or the sharer's display name (null: anonymous sharers, or an account gone). */
  label: z.string().nullable(),
  shares: z.number().int(),
  visits: z.number().int(),
  visitors: z.number().int(),
  cartOpens: z.number().int(),
  clickOuts: z.number().int(),
  orders: z.number().int(),
  /** Paid orders' totals per currency, minor units. */
  gmvMinor: z.record(z.string(), z.number().int()),
});
export type ShareFunnelRow = z.infer<typeof shareFunnelRow>;
export const shareReportQuery = z.object({ showId: z.string().uuid().optional() });
/** A bounded document: ≤ 8 channels, the ≤ 100 most visited sharers. */
export const shareReportAnswer = z.object({ showId: z.string().nullable(), byChannel: z.array(shareFunnelRow), bySharer: z.array(shareFunnelRow) });

/** What a viewer's own shares brought. */
export const myShareStatsAnswer = z.object({
  shares: z.number().int(),
  visits: z.number().int(),
  /** Distinct people (accounts, or browsers when not logged in) other than the sharer who came. */
  friends: z.number().int(),
  orders: z.number().int(),
});
