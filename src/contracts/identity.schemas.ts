import { z } from 'zod';

/** HTTP bodies and answers of the identity context, shared by the server and the web app. */

export const email = z.string().trim().toLowerCase().email().max(254);
export const password = z.string().min(8).max(200);
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
  displayName: z.string().trim().min(1).max(60),
});
export const loginBody = z.object({ email, password: z.string().min(1).max(200) });

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
export const meAnswer = z.object({ user, memberships: z.array(membership) });
export type Me = z.infer<typeof meAnswer>;

export const createShopBody = z.object({ slug, name: z.string().trim().min(1).max(80) });
export const shopAnswer = z.object({ shop });
export const shopsAnswer = z.object({ shops: z.array(shop) });

export const shopParams = z.object({ shopId: z.string().uuid() });

export const member = z.object({
  userId: z.string().uuid(),
  email: z.string(),
  displayName: z.string(),
  role: shopRole,
});
export const membersAnswer = z.object({ members: z.array(member) });
export const addMemberBody = z.object({ email, role: shopRole });
export const memberAnswer = z.object({ member });
export const memberParams = shopParams.extend({ userId: z.string().uuid() });

export const apiKey = z.object({
  id: z.string().uuid(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export const apiKeysAnswer = z.object({ apiKeys: z.array(apiKey) });
export const createApiKeyBody = z.object({ name: z.string().trim().min(1).max(60) });
/** The secret is shown once, here, and never again: only its hash is stored. */
export const createdApiKeyAnswer = z.object({ apiKey, secret: z.string() });
export const apiKeyParams = shopParams.extend({ keyId: z.string().uuid() });
