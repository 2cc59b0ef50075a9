import type { z } from 'zod';
import { productAnswer, productsAnswer, type createProductBody, type Product } from '../../../src/contracts/catalog.schemas';
import {
  apiKeysAnswer,
  createdApiKeyAnswer,
  memberAnswer,
  membersAnswer,
  type ShopRole,
} from '../../../src/contracts/identity.schemas';
import { api } from '../api/client';

/** The merchant area's calls, all scoped to one shop. */
const shopPath = (shopId: string) => `/api/v1/shops/${encodeURIComponent(shopId)}`;

export const listProducts = async (shopId: string, signal: AbortSignal): Promise<Product[]> =>
  (await api.get(`${shopPath(shopId)}/products`, productsAnswer, signal)).products;

export const createProduct = async (shopId: string, body: z.output<typeof createProductBody>): Promise<Product> => (await api.post(`${shopPath(shopId)}/products`, body, productAnswer)).product;

export const listMembers = async (shopId: string, signal: AbortSignal) =>
  (await api.get(`${shopPath(shopId)}/members`, membersAnswer, signal)).members;

export const addMember = async (shopId: string, body: { email: string; role: ShopRole }) =>
  (await api.post(`${shopPath(shopId)}/members`, body, memberAnswer)).member;

export const removeMember = (shopId: string, userId: string): Promise<void> =>
  api.delete(`${shopPath(shopId)}/members/${encodeURIComponent(userId)}`);

export const listApiKeys = async (shopId: string, signal: AbortSignal) =>
  (await api.get(`${shopPath(shopId)}/api-keys`, apiKeysAnswer, signal)).apiKeys;

/** The answer carries the secret: the only time the server ever reveals it. */
export const createApiKey = (shopId: string, body: { name: string }) =>
  api.post(`${shopPath(shopId)}/api-keys`, body, createdApiKeyAnswer);

export const revokeApiKey = (shopId: string, keyId: string): Promise<void> =>
  api.delete(`${shopPath(shopId)}/api-keys/${encodeURIComponent(keyId)}`);
