import { z } from 'zod';
import { text } from './text.schemas';
import { pageAnswer } from './pagination.schemas';
import { newPassword, PASSWORD_MAX_LENGTH } from './passwords';

/** HTTP bodies and answers of the identity context, shared by the server and the web app. */

export const email = z.string().trim().toLowerCase().email().max(254);
/** A new password: the rule in passwords.ts (IDENTITY_PASSWORD_WEAK when broken). */
export const password = newPassword;
export const slug = z
  .string()
  .min(2)
  .max(40)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lowercase letters, digits and single dashes');
export const shopRole = z.enum(['owner', 'staff', 'host']);
export type ShopRole = z.infer<typeof shopRole>;

export const signupBody = z.object({
  email,
  password,
  displayName: text({ max: 60 }),
});
export const loginBody = z.object({ email, password: z.string().min(1).max(PASSWORD_MAX_LENGTH) });

export const user = z.object({
  id: z.string().uuid(),
  email: z.string(),
  displayName: z.string(),
  isOperator: z.boolean(),
});
export type User = z.infer<typeof user>;

export const shop = z.object({
  id: z.string().uuid(),
  slug: z.string(),
  name: z.string(),
  createdAt: z.string(),
});
export type Shop = z.infer<typeof shop>;

export const membership = z.object({ shop, role: shopRole });
export type Membership = z.infer<typeof membership>;

export const userAnswer = z.object({ user });
/** A logged-in account and its shops. */
export const signedInMe = z.object({ user, memberships: z.array(membership) });
export type Me = z.infer<typeof signedInMe>;
/** GET /me: a visitor who is not logged in gets `user: null` (200, not 401: asking is not an error). */
export const meAnswer = z.object({ user: user.nullable(), memberships: z.array(membership) });

export const createShopBody = z.object({ slug, name: text({ max: 80 }) });
export const shopAnswer = z.object({ shop });
export const shopsAnswer = pageAnswer('shops', shop);

export const shopParams = z.object({ shopId: z.string().uuid() });

export const member = z.object({
  userId: z.string().uuid(),
  email: z.string(),
  displayName: z.string(),
  role: shopRole,
});
export const membersAnswer = pageAnswer('members', member);
export const addMemberBody = z.object({ email, role: shopRole });
export const memberAnswer = z.object({ member });
export const memberParams = shopParams.extend({ userId: z.string().uuid() });

/**
 * What an API key may do: read or write an area of the shop, or manage its webhooks. Writing
 * includes reading. Members, keys and stream keys are never a key's business (identity/permissions.ts).
 */
export const apiKeyScopes = ['catalog:read', 'catalog:write', 'live:read', 'live:write', 'sales:read', 'sales:write', 'webhooks'] as const;
export const apiKeyScope = z.enum(apiKeyScopes);
export type ApiKeyScope = z.infer<typeof apiKeyScope>;

export const apiKey = z.object({
  id: z.string().uuid(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(apiKeyScope),
  /** Requests per minute this key may make (its own limit, or the server's default). */
  ratePerMinute: z.number().int(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export const apiKeysAnswer = pageAnswer('apiKeys', apiKey);
export const createApiKeyBody = z.object({
  name: text({ max: 60 }),
  /** Left out: every scope (as keys made before scopes existed). An empty list is refused: such a key could do nothing. */
  scopes: z.array(apiKeyScope).min(1).max(apiKeyScopes.length).optional(),
  /** Requests per minute; left out: the server's default (HUTONG_API_KEY_RATE_PER_MINUTE). */
  ratePerMinute: z.number().int().min(1).max(100_000).optional(),
});
/** The secret is shown once, here, and never again: only its hash is stored. */
export const createdApiKeyAnswer = z.object({ apiKey, secret: z.string() });
export const apiKeyParams = shopParams.extend({ keyId: z.string().uuid() });
