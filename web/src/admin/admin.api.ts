import { typed } from '../api/client';
import { sdk, type Answer, type Body } from '../api/sdk';
import type { PageOf } from '../api/use-pages';

/** The merchant area's calls, all scoped to one shop, through the typed SDK (sdk.ts). */
const shop = (shopId: string) => ({ path: { shopId } });

export type Product = Answer<'/api/v1/shops/{shopId}/products/{productId}'>['product'];
export type Member = Answer<'/api/v1/shops/{shopId}/members'>['members'][number];
export type ApiKey = Answer<'/api/v1/shops/{shopId}/api-keys'>['apiKeys'][number];

export const listProducts = async (shopId: string, after: string | undefined, signal: AbortSignal): Promise<PageOf<Product>> => {
  const { products, next } = await typed(sdk.GET('/api/v1/shops/{shopId}/products', { params: { ...shop(shopId), query: { after } }, signal }), signal);
  return { items: products, next };
};

export const createProduct = async (shopId: string, body: Body<'/api/v1/shops/{shopId}/products', 'post'>): Promise<Product> =>
  (await typed(sdk.POST('/api/v1/shops/{shopId}/products', { params: shop(shopId), body }))).product;

export const listMembers = async (shopId: string, after: string | undefined, signal: AbortSignal): Promise<PageOf<Member>> => {
  const { members, next } = await typed(sdk.GET('/api/v1/shops/{shopId}/members', { params: { ...shop(shopId), query: { after } }, signal }), signal);
  return { items: members, next };
};

export const addMember = async (shopId: string, body: Body<'/api/v1/shops/{shopId}/members', 'post'>) =>
  (await typed(sdk.POST('/api/v1/shops/{shopId}/members', { params: shop(shopId), body }))).member;

export const removeMember = async (shopId: string, userId: string): Promise<void> => {
  await typed(sdk.DELETE('/api/v1/shops/{shopId}/members/{userId}', { params: { path: { shopId, userId } } }));
};

export const listApiKeys = async (shopId: string, after: string | undefined, signal: AbortSignal): Promise<PageOf<ApiKey>> => {
  const { apiKeys, next } = await typed(sdk.GET('/api/v1/shops/{shopId}/api-keys', { params: { ...shop(shopId), query: { after } }, signal }), signal);
  return { items: apiKeys, next };
};

/** The answer carries the secret: the only time the server ever reveals it. */
export const createApiKey = (shopId: string, body: Body<'/api/v1/shops/{shopId}/api-keys', 'post'>) =>
  typed(sdk.POST('/api/v1/shops/{shopId}/api-keys', { params: shop(shopId), body }));

export const revokeApiKey = async (shopId: string, keyId: string): Promise<void> => {
  await typed(sdk.DELETE('/api/v1/shops/{shopId}/api-keys/{keyId}', { params: { path: { shopId, keyId } } }));
};

export const getEmbedOrigins = async (shopId: string, signal: AbortSignal): Promise<string[]> =>
  (await typed(sdk.GET('/api/v1/shops/{shopId}/embed-origins', { params: shop(shopId), signal }), signal)).origins;

/** Replaces the whole list; the answer is the list as stored (normalised, without duplicates). */
export const saveEmbedOrigins = async (shopId: string, origins: readonly string[]): Promise<string[]> =>
  (await typed(sdk.PUT('/api/v1/shops/{shopId}/embed-origins', { params: shop(shopId), body: { origins: [...origins] } }))).origins;
