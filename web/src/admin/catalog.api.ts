import { imageAnswer } from '../../../src/contracts/catalog.schemas';
import { ApiError, typed } from '../api/client';
import { sdk, type Answer, type Body } from '../api/sdk';
import type { PageOf } from '../api/use-pages';

/** Catalog calls: images, listings, product edits and commission rates, all scoped to one shop. */
const shop = (shopId: string) => ({ path: { shopId } });

export type Listing = Answer<'/api/v1/shops/{shopId}/listings'>['listings'][number];
export type RecognisedLink = Answer<'/api/v1/shops/{shopId}/listings/recognise', 'post'>['link'];
export type CommissionRates = Answer<'/api/v1/shops/{shopId}/commission-rates'>['rates'];

/**
 * Uploads a picture as it is; the server decides from the bytes whether it is an image. The one call
 * outside the SDK: its body is raw bytes, which the OpenAPI document (JSON bodies only) does not
 * describe, so the answer is checked against the contract at run time instead.
 */
export async function uploadImage(shopId: string, file: File) {
  const contentType = file.type.startsWith('image/') ? file.type : 'application/octet-stream';
  let res: Response;
  try {
    res = await fetch(`/api/v1/shops/${encodeURIComponent(shopId)}/images`, {
      method: 'POST', body: file, credentials: 'same-origin', headers: { 'content-type': contentType, accept: 'application/json' },
    });
  } catch {
    throw new ApiError('WEB_NETWORK_FAILED', 0, 'The server could not be reached.');
  }
  const json: unknown = await res.json().catch(() => null);
  // The same ApiError as every other call (the server's code, or a proxy's outage).
  if (!res.ok) await typed(Promise.resolve({ error: json, response: res }));
  const parsed = imageAnswer.safeParse(json);
  if (!parsed.success) throw new ApiError('WEB_UNEXPECTED_ANSWER', res.status, 'The answer did not match the contract.');
  const answer: Answer<'/api/v1/shops/{shopId}/images', 'post'> = parsed.data;
  return answer.image;
}

export const recogniseUrl = async (shopId: string, url: string): Promise<RecognisedLink> =>
  (await typed(sdk.POST('/api/v1/shops/{shopId}/listings/recognise', { params: shop(shopId), body: { url } }))).link;

export const listListings = async (shopId: string, after: string | undefined, signal: AbortSignal): Promise<PageOf<Listing>> => {
  const { listings, next } = await typed(sdk.GET('/api/v1/shops/{shopId}/listings', { params: { ...shop(shopId), query: { after } }, signal }), signal);
  return { items: listings, next };
};

export const createListing = async (shopId: string, body: Body<'/api/v1/shops/{shopId}/listings', 'post'>): Promise<Listing> =>
  (await typed(sdk.POST('/api/v1/shops/{shopId}/listings', { params: shop(shopId), body }))).listing;

export const updateListing = async (shopId: string, listingId: string, body: Body<'/api/v1/shops/{shopId}/listings/{listingId}', 'patch'>): Promise<Listing> =>
  (await typed(sdk.PATCH('/api/v1/shops/{shopId}/listings/{listingId}', { params: { path: { shopId, listingId } }, body }))).listing;

export const updateProduct = async (shopId: string, productId: string, body: Body<'/api/v1/shops/{shopId}/products/{productId}', 'patch'>) =>
  (await typed(sdk.PATCH('/api/v1/shops/{shopId}/products/{productId}', { params: { path: { shopId, productId } }, body }))).product;

export const deleteListing = async (shopId: string, listingId: string): Promise<void> => {
  await typed(sdk.DELETE('/api/v1/shops/{shopId}/listings/{listingId}', { params: { path: { shopId, listingId } } }));
};

export const getCommissionRates = async (shopId: string, signal: AbortSignal): Promise<CommissionRates> =>
  (await typed(sdk.GET('/api/v1/shops/{shopId}/commission-rates', { params: shop(shopId), signal }), signal)).rates;

export const setCommissionRates = async (shopId: string, body: Body<'/api/v1/shops/{shopId}/commission-rates', 'post'>): Promise<CommissionRates> =>
  (await typed(sdk.POST('/api/v1/shops/{shopId}/commission-rates', { params: shop(shopId), body }))).rates;

/** "12.5" (%) → 1250 basis points; null unless 0–100 with at most two decimals. */
export function parsePercent(input: string): number | null {
  const m = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(input.trim());
  if (!m) return null;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0') || '0');
  return bp <= 10_000 ? bp : null;
}

export const formatPercent = (bp: number): string => `${(bp / 100).toFixed(bp % 100 === 0 ? 0 : 2)}%`;
