import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { goCodeParams } from '../contracts/links.schemas';
import type { Access } from '../identity';
import type { ClickOut } from './clickout.service';

const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The friendly page for a code that leads nowhere, in both languages (no client state to ask). */
function page(status: 'unknown' | 'disabled'): string {
  const text =
    status === 'unknown'
      ? { zh: '这个链接不存在', zhBody: '链接可能输错了，或已被删除。', en: 'This link does not exist', enBody: 'It may be mistyped, or it was removed.' }
      : { zh: '这个链接已停用', zhBody: '商品链接已下架，或平台暂不允许打开此链接。', en: 'This link is no longer available', enBody: 'The listing was withdrawn, or the platform does not allow this link now.' };
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escape(text.zh)} · hutong</title>
<style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;background:#faf7f2;color:#2b2118;display:grid;place-items:center;min-height:100vh;margin:0}
main{max-width:28rem;padding:2rem;background:#fff;border-radius:12px;box-shadow:0 2px 12px #0001}h1{font-size:1.3rem;margin:.2rem 0}p{color:#6b5d50}a{color:#c2410c}</style></head>
<body><main class="go-missing" data-reason="${status}"><h1>${escape(text.zh)}</h1><p>${escape(text.zhBody)}</p><h1 lang="en">${escape(text.en)}</h1><p lang="en">${escape(text.enBody)}</p>
<p><a href="/">返回 hutong · Back to hutong</a></p></main></body></html>`;
}

/**
 * GET /go/CODE: logs the click, then redirects (302, never cached, so each click is counted).
 * An unknown code answers 404 and a disabled one 410, both with a readable page.
 */
export const goRoutes: FastifyPluginAsyncZod<{ clickOut: ClickOut; access: Pick<Access, 'optionalActor'> }> = async (app, { clickOut, access }) => {
  app.get(
    '/go/:code',
    { schema: { tags: ['links'], summary: 'Click-out: log the click and go to the listing', params: goCodeParams } },
    async (req, reply) => {
      // A bad session cookie must not stop a viewer leaving: count them as anonymous instead.
      const actor = await access.optionalActor(req).catch(() => null);
      const viewerId = actor?.kind === 'user' ? actor.user.id : null;
      const referrer = typeof req.headers.referer === 'string' ? req.headers.referer : null;
      const result = await clickOut.follow(req.params.code, { viewerId, referrer });
      reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
      if (result.ok) return reply.redirect(result.url, 302);
      return reply
        .code(result.reason === 'unknown' ? 404 : 410)
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
        .type('text/html; charset=utf-8')
        .send(page(result.reason));
    },
  );
};
