import type { z } from 'zod';
import { productAnswer, productsAnswer, type createProductBody, type Product } from '../../../src/contracts/catalog.schemas';
import {
  type createApiKeyBody,
  memberAnswer,
  membersAnswer,
  type ShopRole,
} from '../../../src/contracts/identity.schemas';
import { embedOriginsAnswer } from '../../../src/contracts/embed.schemas';
import { api, typed } from '../api/client';
import { sdk } from '../api/sdk';
import { withCursor, type PageOf } from '../api/use-pages';

/** The merchant area's calls, all scoped to one shop. */
const shopPath = (shopId: string) => `/api/v1/shops/${encodeURIComponent(shopId)}`;

export const listProducts = async (shopId: string, after: string | undefined, signal: AbortSignal): Promise<PageOf<Product>> => {
  const { products, next } = await api.get(withCursor(`${shopPath(shopId)}/products`, after), productsAnswer, signal);
  return { items: products, next };
};

export const createProduct = async (shopId: string, body: z.output<typeof createProductBody>): Promise<Product> => (await api.post(`${shopPath(shopId)}/products`, body, productAnswer)).product;

export const listMembers = async (shopId: string, after: string | undefined, signal: AbortSignal) => {
  const { members, next } = await api.get(withCursor(`${shopPath(shopId)}/members`, after), membersAnswer, signal);
  return { items: members, next };
};

export const addMember = async (shopId: string, body: { email: string; role: ShopRole }) =>
  (await api.post(`${shopPath(shopId)}/members`, body, memberAnswer)).member;

export const removeMember = (shopId: string, userId: string): Promise<void> =>
  api.delete(`${shopPath(shopId)}/members/${encodeURIComponent(userId)}`);

// API keys go through the typed SDK (sdk.ts): paths, bodies and answers checked at compile time.
export const listApiKeys = async (shopId: string, after: string | undefined, signal: AbortSignal) => {
  const { apiKeys, next } = await typed(sdk.GET('/api/v1/shops/{shopId}/api-keys', { params: { path: { shopId }, query: { after } }, signal }), signal);
  return { items: apiKeys, next };
};

/** The answer carries the secret: the only time the server ever reveals it. */
export const createApiKey = (shopId: string, body: z.output<typeof createApiKeyBody>) =>
  typed(sdk.POST('/api/v1/shops/{shopId}/api-keys', { params: { path: { shopId } }, body }));

export const revokeApiKey = async (shopId: string, keyId: string): Promise<void> => {
  await typed(sdk.DELETE('/api/v1/shops/{shopId}/api-keys/{keyId}', { params: { path: { shopId, keyId } } }));
};

export const getEmbedOrigins = async (shopId: string, signal: AbortSignal): Promise<string[]> =>
  (await api.get(`${shopPath(shopId)}/embed-origins`, embedOriginsAnswer, signal)).origins;

/** Replaces the whole list; the answer is the list as stored (normalised, without duplicates). */
export const saveEmbedOrigins = async (shopId: string, origins: readonly string[]): Promise<string[]> =>
  (await api.put(`${shopPath(shopId)}/embed-origins`, embedOriginsAnswer, { origins })).origins;
