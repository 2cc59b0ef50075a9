import { z } from 'zod';

/** How many origins one shop may list: a handful of partner sites, replaced whole. */
export const MAX_EMBED_ORIGINS = 20;

/**
 * Why `s` is not an origin a shop may allow, or undefined when it is. An origin is a scheme, a host
 * and a port only (`https://shop.example`, `http://localhost:5173`): no path, query, fragment or
 * credentials, no wildcard and no `null` (what sandboxed frames and file pages send).
 */
export function originProblem(s: string): string | undefined {
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    return 'must be an origin such as https://shop.example';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must start with https:// or http://';
  if (url.username || url.password) return 'must not contain a user name or password';
  if (url.host.includes('*')) return 'must not contain a wildcard';
  if (!/^[a-z]+:\/\/[^/?#]+\/?$/i.test(s)) return 'must be scheme, host and port only (no path, query or fragment)';
  return undefined;
}

/** One origin, normalised to what browsers send (`HTTPS://Shop.Example:443/` → `https://shop.example`). */
export const embedOrigin = z
  .string()
  .trim()
  .max(200)
  .superRefine((s, ctx) => {
    const problem = originProblem(s);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .transform((s) => new URL(s).origin);

/** The whole list, replaced at once: the admin screen edits it as one document. */
export const embedOriginsBody = z.object({
  origins: z.array(embedOrigin).max(MAX_EMBED_ORIGINS).transform((list) => [...new Set(list)]),
});
export const embedOriginsAnswer = z.object({ origins: z.array(z.string()) });
export type EmbedOrigins = z.infer<typeof embedOriginsAnswer>;
