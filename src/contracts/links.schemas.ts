import { z } from 'zod';

/**
 * Links: marketplaces hutong recognises, the operator's link policy (per marketplace × scene),
 * and its audit log. DESIGN.md §2.4.
 */

export const marketplaces = ['taobao', 'tmall', 'jd', 'pinduoduo', 'douyin', 'amazon', 'shopify', 'other'] as const;
export const marketplace = z.enum(marketplaces);
export type Marketplace = z.infer<typeof marketplace>;

/** Where a link can appear: a room's cart, chat messages, and shares (tokens, QR, embeds). */
export const linkScenes = ['cart', 'chat', 'share'] as const;
export const linkScene = z.enum(linkScenes);
export type LinkScene = z.infer<typeof linkScene>;

/** link: shown and clickable · token: shown as text to copy, not clickable · hidden: not shown. */
export const linkModes = ['link', 'token', 'hidden'] as const;
export const linkMode = z.enum(linkModes);
export type LinkMode = z.infer<typeof linkMode>;

/** The whole policy: a mode per marketplace and scene. Anything not set is `link` (open). */
export type LinkPolicy = Readonly<Record<Marketplace, Readonly<Record<LinkScene, LinkMode>>>>;

export const policyRule = z.object({
  marketplace,
  scene: linkScene,
  mode: linkMode,
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export const linkPolicyAnswer = z.object({ rules: z.array(policyRule) });
export const setPolicyBody = z.object({ marketplace, scene: linkScene, mode: linkMode });

export const policyAuditEntry = z.object({
  id: z.string().uuid(),
  marketplace,
  scene: linkScene,
  before: linkMode,
  after: linkMode,
  actorId: z.string().uuid().nullable(),
  actorName: z.string(),
  at: z.string(),
});
export const policyAuditAnswer = z.object({ entries: z.array(policyAuditEntry) });
export const policyAuditQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });

/** A pasted URL, as hutong understood it. Never fetched. */
export const recognisedLink = z.object({
  marketplace,
  itemId: z.string().nullable(),
  canonicalUrl: z.string(),
  short: z.boolean(),
  idnHost: z.boolean(),
});
export type RecognisedLink = z.infer<typeof recognisedLink>;
/** Long enough for any real URL plus a share text around it; recognise() refuses past 2,048. */
export const recogniseBody = z.object({ url: z.string().max(4096) });
export const recognisedAnswer = z.object({ link: recognisedLink });

/** A click-out code: /go/CODE. */
/** Anything up to the router's limit reaches the handler, which answers an unknown code with its page. */
export const goCodeParams = z.object({ code: z.string().max(200) });
