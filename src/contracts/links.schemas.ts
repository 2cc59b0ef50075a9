import { z } from 'zod';
import { key } from './text.schemas';
import { pageAnswer } from './pagination.schemas';
import { shareChannel } from './shares.schemas';

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

/**
 * A share channel's own mode for a marketplace's shared listings (WeChat may open Taobao links while
 * every other channel gets the token); `mode: null` — none of its own: as the `share` scene.
 */
export const shareChannelRule = z.object({
  marketplace,
  channel: shareChannel,
  mode: linkMode.nullable(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export const shareChannelPolicyAnswer = z.object({ rules: z.array(shareChannelRule) });
export const setShareChannelBody = z.object({ marketplace, channel: shareChannel, mode: linkMode.nullable() });

/** A mode as the audit names it: `inherit` is a share channel's "as the share scene". */
export const auditedMode = z.union([linkMode, z.literal('inherit')]);

export const policyAuditEntry = z.object({
  id: z.string().uuid(),
  marketplace,
  scene: linkScene,
  /** The share channel whose own rule changed (scene `share`); null for a scene's rule. */
  channel: shareChannel.nullable(),
  before: auditedMode,
  after: auditedMode,
  actorId: z.string().uuid().nullable(),
  actorName: z.string(),
  at: z.string(),
});
export const policyAuditAnswer = pageAnswer('entries', policyAuditEntry);

/** Hosts the operator verified: "other" click-outs to them skip the leaving page. */
export const verifiedHost = z.object({ host: z.string(), verifiedAt: z.string() });
export const verifiedHostsAnswer = pageAnswer('hosts', verifiedHost);
/** A host (`shop.example`) or any URL on it; refused like a listing's URL when private or malformed. */
export const verifyHostBody = z.object({ host: z.string().min(1).max(2048) });
export const hostParam = z.string().min(1).max(300);
export const verifiedHostAnswer = z.object({ host: z.string(), changed: z.boolean() });
export const hostAuditEntry = z.object({
  id: z.string().uuid(),
  host: z.string(),
  verified: z.boolean(),
  actorId: z.string().uuid().nullable(),
  actorName: z.string(),
  at: z.string(),
});
export const hostAuditAnswer = pageAnswer('entries', hostAuditEntry);

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
export const goCodeParams = z.object({ code: key({ max: 200, min: 0 }) });
