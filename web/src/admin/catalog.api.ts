import type { z } from 'zod';
import {
  productAnswer,
  type updateProductBody,
  commissionRatesAnswer,
  imageAnswer,
  listingAnswer,
  listingsAnswer,
  type CommissionRates,
  type createListingBody,
  type Listing,
  type setCommissionRatesBody,
  type updateListingBody,
} from '../../../src/contracts/catalog.schemas';
import { recognisedAnswer, type RecognisedLink } from '../../../src/contracts/links.schemas';
import { api, ApiError } from '../api/client';
import { withCursor, type PageOf } from '../api/use-pages';

/** Catalog calls beyond the shared client's verbs: image uploads (raw bytes) and PATCH. */
const shopPath = (shopId: string) => `/api/v1/shops/${encodeURIComponent(shopId)}`;

async function raw<S extends z.ZodType>(method: 'POST' | 'PATCH', path: string, body: BodyInit, contentType: string, schema: S): Promise<z.output<S>> {
  let res: Response;
  try {
    res = await fetch(path, { method, body, credentials: 'same-origin', headers: { 'content-type': contentType, accept: 'application/json' } });
  } catch {
    throw new ApiError('WEB_NETWORK_FAILED', 0, 'The server could not be reached.');
  }
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const err = (json as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    if (typeof err?.code === 'string') throw new ApiError(err.code, res.status, String(err.message ?? ''));
    throw new ApiError('WEB_UNEXPECTED_ANSWER', res.status, `Unexpected answer (HTTP ${res.status}).`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ApiError('WEB_UNEXPECTED_ANSWER', res.status, 'The answer did not match the contract.');
  return parsed.data;
}

/** Uploads a picture as it is; the server decides from the bytes whether it is an image. */
export const uploadImage = async (shopId: string, file: File) =>
  (await raw('POST', `${shopPath(shopId)}/images`, file, file.type.startsWith('image/') ? file.type : 'application/octet-stream', imageAnswer)).image;

export const recogniseUrl = async (shopId: string, url: string): Promise<RecognisedLink> =>
  (await api.post(`${shopPath(shopId)}/listings/recognise`, { url }, recognisedAnswer)).link;

export const listListings = async (shopId: string, after: string | undefined, signal: AbortSignal): Promise<PageOf<Listing>> => {
  const { listings, next } = await api.get(withCursor(`${shopPath(shopId)}/listings`, after), listingsAnswer, signal);
  return { items: listings, next };
};

export const createListing = async (shopId: string, body: z.input<typeof createListingBody>): Promise<Listing> =>
  (await api.post(`${shopPath(shopId)}/listings`, body, listingAnswer)).listing;

export const updateListing = async (shopId: string, listingId: string, body: z.input<typeof updateListingBody>): Promise<Listing> =>
  (await raw('PATCH', `${shopPath(shopId)}/listings/${encodeURIComponent(listingId)}`, JSON.stringify(body), 'application/json', listingAnswer)).listing;

export const updateProduct = async (shopId: string, productId: string, body: z.input<typeof updateProductBody>) =>
  (await raw('PATCH', `${shopPath(shopId)}/products/${encodeURIComponent(productId)}`, JSON.stringify(body), 'application/json', productAnswer)).product;

export const deleteListing = (shopId: string, listingId: string) => api.delete(`${shopPath(shopId)}/listings/${encodeURIComponent(listingId)}`);

export const getCommissionRates = async (shopId: string, signal: AbortSignal): Promise<CommissionRates> =>
  (await api.get(`${shopPath(shopId)}/commission-rates`, commissionRatesAnswer, signal)).rates;

export const setCommissionRates = async (shopId: string, body: z.input<typeof setCommissionRatesBody>): Promise<CommissionRates> =>
  (await api.post(`${shopPath(shopId)}/commission-rates`, body, commissionRatesAnswer)).rates;

/** "12.5" (%) → 1250 basis points; null unless 0–100 with at most two decimals. */
export function parsePercent(input: string): number | null {
  const m = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(input.trim());
  if (!m) return null;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0') || '0');
  return bp <= 10_000 ? bp : null;
}

export const formatPercent = (bp: number): string => `${(bp / 100).toFixed(bp % 100 === 0 ? 0 : 2)}%`;
