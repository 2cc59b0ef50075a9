import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { newSecret } from '../kernel/ids';
import type { Access } from '../identity';
import type { Shares } from './shares.service';
import { previewHtml, type Previews } from './previews';
import { SHARE_COOKIE, VIA_COOKIE, VISITOR_COOKIE } from './cookies';


/**
 * Link-preview fetchers of chat apps and social sites (and crawlers): they read the tags, they are
 * not visits. Anything else counts, a plain HTTP client included.
 */
const PREVIEW_FETCHER =
  /bot\b|bot\/|crawl|spider|slurp|facebookexternalhit|facebookcatalog|embedly|whatsapp|telegram|discord|slack|skypeuripreview|kakaotalk-scrap|vkshare|pinterest|qwantify|iframely/i;
export const isPreviewFetcher = (userAgent: string | undefined): boolean => !!userAgent && PREVIEW_FETCHER.test(userAgent);

const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The "leads nowhere" page is static: nothing but its own inline style. */
const MISSING_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";

/** The page of a share that leads nowhere: unknown, expired or revoked look the same (404). */
function missing(): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>这个分享已失效 · hutong</title>
<style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;background:#faf7f2;color:#2b2118;display:grid;place-items:center;min-height:100vh;margin:0}
main{max-width:28rem;padding:2rem;background:#fff;border-radius:12px;box-shadow:0 2px 12px #0001}h1{font-size:1.3rem;margin:.2rem 0}p{color:#6b5d50}a{color:#c2410c}</style></head>
<body><main class="share-missing"><h1>这个分享已失效</h1><p>链接可能输错了、已过期，或已被店铺撤回。</p><h1 lang="en">This share leads nowhere</h1><p lang="en">It may be mistyped, expired, or withdrawn by the shop.</p>
<p><a href="/">返回 hutong · Back to hutong</a></p></main></body></html>`;
}

/**
 * A shared listing whose marketplace the link policy shows as a token (淘口令-style): the link as
 * text to copy into that marketplace's app, never a clickable link.
 */
function tokenPage(title: string, marketplace: string, link: string, preview: Parameters<typeof previewHtml>[1] | undefined): string {
  const head = preview ? previewHtml(undefined, preview).replace(/<body>[\s\S]*$/, '') : '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">';
  return `${head.replace('</head>', '')}<style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;background:#faf7f2;color:#2b2118;display:grid;place-items:center;min-height:100vh;margin:0}
main{max-width:30rem;padding:2rem;background:#fff;border-radius:12px;box-shadow:0 2px 12px #0001}textarea{width:100%;font:inherit;padding:.5rem}p{color:#6b5d50}</style></head>
<body><main class="share-token-page" data-marketplace="${escape(marketplace)}"><h1>${escape(title)}</h1>
<p>复制下面的链接，到 ${escape(marketplace)} 打开 · Copy this link and open it in the ${escape(marketplace)} app.</p>
<textarea readonly rows="3" data-testid="listing-link">${escape(link)}</textarea></main></body></html>`;
}

export interface PagesDeps {
  shares: Shares;
  previews: Previews;
  access: Pick<Access, 'optionalActor'>;
  webDistDir: string;
  /** How long a share keeps credit for what its visitor does next (the share cookie's life). */
  attributionMs: number;
  secureCookies: boolean;
  /** Other contexts' pages that preview the same way (gifts' /g/CODE), described by their owner. */
  morePages?: { path: string; summary: string; describe(key: string): Promise<PreviewTags | undefined> }[];
}

type PreviewTags = Parameters<typeof previewHtml>[1];

/**
 * Pages any client may fetch — a browser, curl, a chat app making a link preview — answered with
 * HTML whose title, og:* and twitter:* tags name the room or product:
 * - `/s/CODE`: records the visit, remembers the share in a cookie and redirects to the target;
 * - `/live/SLUG` and `/p/PRODUCT`: the web app's page with the preview tags in its head;
 * - `morePages` (gifts' `/g/CODE`): the same, described by the page's owner.
 */
export const pagesRoutes: FastifyPluginAsyncZod<PagesDeps> = async (app, deps) => {
  const { shares, previews, access } = deps;
  let index: { mtimeMs: number; text: string } | undefined;
  // Read again when a new build replaced it (its asset names change with every build).
  const indexHtml = (): string | undefined => {
    try {
      const file = join(deps.webDistDir, 'index.html');
      const { mtimeMs } = statSync(file);
      if (index?.mtimeMs !== mtimeMs) index = { mtimeMs, text: readFileSync(file, 'utf8') };
      return index.text;
    } catch {
      return undefined;
    }
  };
  const cookie = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: deps.secureCookies };
  const html = (reply: FastifyReply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache');

  const visitorOf = (req: FastifyRequest, reply: FastifyReply): string => {
    const known = req.cookies[VISITOR_COOKIE];
    if (known && /^[A-Za-z0-9_-]{16,64}$/.test(known)) return known;
    const made = newSecret(16);
    reply.setCookie(VISITOR_COOKIE, made, { ...cookie, maxAge: 365 * 24 * 3600 });
    return made;
  };

  app.get(
    '/s/:code',
    { schema: { tags: ['shares'], summary: 'Open a share: count the visit, then go to the room or product', params: z.object({ code: z.string().max(40) }) } },
    async (req, reply) => {
      // HEAD (some preview fetchers ask it first) and preview fetchers read the page; they are not visits.
      const fetcher = req.method !== 'GET' || isPreviewFetcher(req.headers['user-agent']);
      const actor = await access.optionalActor(req).catch(() => null);
      const visitorId = fetcher ? '' : visitorOf(req, reply);
      const found = await shares.visit(req.params.code, { visitorId, viewerId: actor?.kind === 'user' ? actor.user.id : null, count: !fetcher });
      reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
      if (!found) return reply.code(404).type('text/html; charset=utf-8').header('content-security-policy', MISSING_CSP).send(missing());
      if (!fetcher) {
        const maxAge = Math.round(deps.attributionMs / 1000);
        reply.setCookie(SHARE_COOKIE, found.row.code, { ...cookie, maxAge }).setCookie(VIA_COOKIE, '1', { ...cookie, httpOnly: false, maxAge });
      }
      const preview = await previews.of(found.target, found.row.code);
      // A listing whose marketplace the policy shows as a token: this page is where it leads.
      if (found.target.kind === 'listing' && !found.outbound) {
        return html(reply).send(tokenPage(found.target.title, found.target.marketplace, (await shares.listingText(found.row.code)) ?? '', preview));
      }
      const location = found.outbound ?? found.path;
      // The redirect carries the target's preview too, for a fetcher that reads it without following.
      const body = preview ? previewHtml(undefined, preview) : `<!doctype html><a href="${escape(found.path)}">${escape(found.path)}</a>`;
      return reply.code(302).header('location', location).type('text/html; charset=utf-8').send(body);
    },
  );

  const page = (path: string, describe: (key: string) => Promise<PreviewTags | undefined>, summary: string) =>
    app.get(path, { schema: { tags: ['shares'], summary, params: z.object({ key: z.string().max(100) }) } }, async (req, reply) => {
      const preview = await describe((req.params as { key: string }).key);
      if (!preview) {
        // Nothing to preview: the app's own page (it says "not found"), with a 404 for fetchers.
        const text = indexHtml();
        return text ? html(reply).code(404).send(text) : html(reply).code(404).header('content-security-policy', MISSING_CSP).send(missing());
      }
      return html(reply).send(previewHtml(indexHtml(), preview));
    });
  page('/live/:key', (slug) => previews.room(slug), 'A live room: the web app with link-preview tags');
  page('/p/:key', (id) => (/^[0-9a-f-]{36}$/i.test(id) ? previews.product(id) : Promise.resolve(undefined)), 'A product: the web app with link-preview tags');
  for (const more of deps.morePages ?? []) page(more.path, more.describe, more.summary);
};
