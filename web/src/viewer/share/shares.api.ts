import { typed } from '../../api/client';
import { sdk, type Answer, type Body } from '../../api/sdk';

type CreateShare = Body<'/api/v1/shares', 'post'>;
export type ShareTargetInput = CreateShare['target'];
export type ShareChannel = NonNullable<CreateShare['channel']>;
export type Share = Answer<'/api/v1/shares', 'post'>['share'];

/** A share of a room, a product or a cart's marketplace listing for one channel: its short link, token, QR and poster. */
export const createShare = async (target: ShareTargetInput, channel: ShareChannel): Promise<Share> =>
  (await typed(sdk.POST('/api/v1/shares', { body: { target, channel } }))).share;

/** The share a pasted text carries, if any (SHARES_NOT_FOUND when none). */
export const resolveShare = (text: string) => typed(sdk.GET('/api/v1/shares/resolve', { params: { query: { text } } }));

export const fetchPublicProduct = (productId: string, signal: AbortSignal) =>
  typed(sdk.GET('/api/v1/products/{productId}', { params: { path: { productId } }, signal }), signal);

/** What came through this account's shares (friends, orders), for the share sheet. */
export const fetchMyShareStats = (signal: AbortSignal) => typed(sdk.GET('/api/v1/me/shares/stats', { signal }), signal);

/**
 * Tells the server what a browser that came through a share did (share-signals.ts). `keepalive`:
 * a click-out leaves the page at once, and the signal must still arrive; a lost one bothers no one.
 */
export const sendShareSignal = (body: Body<'/api/v1/shares/signals', 'post'>): void => {
  sdk.POST('/api/v1/shares/signals', { body, keepalive: true }).catch(() => {});
};

/**
 * The path of one of a share's absolute URLs: they are written under HUTONG_PUBLIC_URL, but the page
 * loads pictures from the origin it was served from (the same server, maybe under another name).
 */
export const samePath = (url: string) => {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
};
