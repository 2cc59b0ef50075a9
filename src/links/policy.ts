/**
 * The link policy as pure functions: what a marketplace's link becomes in a scene, and chat text
 * with links masked. The operator's rules live in the database (policy.service.ts); these take a
 * snapshot, so chat and the cart can apply it without a query per message.
 */
import {
  linkScenes,
  marketplaces,
  type LinkMode,
  type LinkPolicy,
  type LinkScene,
  type Marketplace,
} from '../contracts/links.schemas';
import { recognise } from './recognisers';

/** Everything open: the default when the operator has set nothing. */
export const openPolicy: LinkPolicy = Object.freeze(
  Object.fromEntries(marketplaces.map((m) => [m, Object.freeze(Object.fromEntries(linkScenes.map((s) => [s, 'link'])))])),
) as LinkPolicy;

/** A policy from stored rules; any marketplace × scene without a rule stays `link`. */
export function policyFrom(rules: readonly { marketplace: string; scene: string; mode: LinkMode }[]): LinkPolicy {
  const out = Object.fromEntries(marketplaces.map((m) => [m, { ...openPolicy[m] }])) as Record<Marketplace, Record<LinkScene, LinkMode>>;
  for (const r of rules) {
    if ((marketplaces as readonly string[]).includes(r.marketplace) && (linkScenes as readonly string[]).includes(r.scene)) {
      out[r.marketplace as Marketplace][r.scene as LinkScene] = r.mode;
    }
  }
  return out;
}

/** The decision for one link: the one function every scene (cart, chat, share) goes through. */
export const decide = (policy: LinkPolicy, marketplace: Marketplace, scene: LinkScene): LinkMode => policy[marketplace][scene];

/** Replaces a link to a hidden marketplace in chat. Language-neutral: chat is read in any language. */
export const HIDDEN_LINK_MARK = '[🔗✕]';

/** The copyable, non-clickable text a `token` link becomes in chat: 【taobao 6543210】. */
export const chatToken = (marketplace: Marketplace, itemId: string | null, canonicalUrl: string): string =>
  `【${marketplace} ${itemId ?? canonicalUrl.replace(/^https?:\/\//, '')}】`;

// Candidate links in free text: with a scheme, or a bare host with a known-looking TLD and a path.
// Hosts may be written with ideographic or full-width dots (browsers read "taobao。com" as taobao.com).
const candidates =
  /\b(?:https?:\/\/[^\s<>"'，「」【】（）]+|(?:[a-z0-9\u200b-\u200d\u2060\ufeff-]+[.。．｡])+(?:com|cn|hk|co|to|asia|eu|net|org|de|uk|jp|fr|it|es|ca|au|in|mx|br|nl|sg|ae|io|shop|store)(?::\d+)?\/[^\s<>"'，「」【】（）]*)/gi;

/** What a browser would make of a pasted candidate: invisible characters dropped, odd dots as dots. */
const asBrowserReads = (s: string) => s.replace(/[\u200b-\u200f\u2060\ufeff]/g, '').replace(/[。．｡]/g, '.');

export interface MaskedText {
  text: string;
  /** Links removed (hidden marketplaces). */
  hidden: number;
  /** Links turned into copyable tokens. */
  tokens: number;
}

/**
 * Chat text with the policy's `chat` scene applied: links to a hidden marketplace are replaced by
 * HIDDEN_LINK_MARK, links to a `token` marketplace by a non-clickable token, open ones left as typed.
 * Pure and synchronous: the chat pipeline calls it on every message with the current snapshot.
 */
export function maskLinks(text: string, policy: LinkPolicy, scene: LinkScene = 'chat'): MaskedText {
  let hidden = 0;
  let tokens = 0;
  const masked = text.replace(candidates, (match) => {
    const trailing = /[.,;:!?)\]。]+$/.exec(match)?.[0] ?? '';
    const url = trailing ? match.slice(0, -trailing.length) : match;
    const r = recognise(asBrowserReads(url));
    // A link with credentials hides its true host behind a decoy ("taobao.com@evil.example"):
    // never shown; nor a link into the viewer's own network. Any other refused candidate is not a link a browser would follow: left alone.
    if (!r.ok && (r.reason === 'credentials' || r.reason === 'private_host')) {
      hidden++;
      return HIDDEN_LINK_MARK + trailing;
    }
    if (!r.ok) return match;
    const mode = decide(policy, r.value.marketplace, scene);
    if (mode === 'hidden') {
      hidden++;
      return HIDDEN_LINK_MARK + trailing;
    }
    if (mode === 'token') {
      tokens++;
      return chatToken(r.value.marketplace, r.value.itemId, r.value.canonicalUrl) + trailing;
    }
    return match;
  });
  return { text: masked, hidden, tokens };
}
