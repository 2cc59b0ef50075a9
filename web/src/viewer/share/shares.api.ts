import { publicProductAnswer } from '../../../../src/contracts/catalog.schemas';
import { resolveAnswer, shareAnswer, type ShareChannel } from '../../../../src/contracts/shares.schemas';
import { api } from '../../api/client';

export type ShareTargetInput = { room: string } | { product: string } | { listing: string };

/** A share of a room, a product or a cart's marketplace listing for one channel: its short link, token, QR and poster. */
export const createShare = async (target: ShareTargetInput, channel: ShareChannel) =>
  (await api.post('/api/v1/shares', { target, channel }, shareAnswer)).share;

/** The share a pasted text carries, if any (SHARES_NOT_FOUND when none). */
export const resolveShare = (text: string) => api.get(`/api/v1/shares/resolve?text=${encodeURIComponent(text)}`, resolveAnswer);

export const fetchPublicProduct = (id: string, signal: AbortSignal) => api.get(`/api/v1/products/${encodeURIComponent(id)}`, publicProductAnswer, signal);

/**
 * The path of one of a share's absolute URLs: they are written under HUTONG_PUBLIC_URL, but the page
 * loads pictures from the origin it was served from (the same server, maybe under another name).
 */
export const samePath = (url: string) => {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
};
