/**
 * The pages /go/CODE answers with when it does not redirect at once. Server-rendered, in both
 * languages (a click-out has no client state to ask which), without scripts; the policy sent with
 * them (GO_PAGE_CSP) forbids any, and forbids framing, so nobody can dress the continue button up.
 */
export const GO_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'";

const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const style = `body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;background:#faf7f2;color:#2b2118;display:grid;place-items:center;min-height:100vh;margin:0}
main{max-width:30rem;margin:1rem;padding:2rem;background:#fff;border-radius:12px;box-shadow:0 2px 12px #0001}h1{font-size:1.3rem;margin:.2rem 0}p{color:#6b5d50}a{color:#c2410c}
.host{font:600 1.2rem/1.35 ui-monospace,monospace;color:#2b2118;background:#fdf0e6;border-radius:8px;padding:.6rem .8rem;overflow-wrap:anywhere;margin:1rem 0 .4rem}
.url{font:.8rem/1.4 ui-monospace,monospace;word-break:break-all;margin:0 0 1.2rem}
.actions{display:flex;flex-wrap:wrap;gap:.8rem;align-items:center;margin-top:1.4rem}
.continue{background:#c2410c;color:#fff;text-decoration:none;padding:.7rem 1.1rem;border-radius:8px;font-weight:600}`;

function frame(title: string, body: string, attrs: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${escape(title)} · hutong</title><style>${style}</style></head>
<body><main ${attrs}>${body}</main></body></html>`;
}

const back = '<a href="/">返回 hutong · Back to hutong</a>';

const refusals = {
  unknown: { zh: '这个链接不存在', zhBody: '链接可能输错了，或已被删除。', en: 'This link does not exist', enBody: 'It may be mistyped, or it was removed.' },
  disabled: {
    zh: '这个链接已停用', zhBody: '商品链接已下架，或平台暂不允许打开此链接。',
    en: 'This link is no longer available', enBody: 'The listing was withdrawn, or the platform does not allow this link now.',
  },
  unsafe: {
    zh: '这个链接已被拦截', zhBody: '它指向内网或本机地址，平台不会带你去那里。',
    en: 'This link is blocked', enBody: 'It points into a private network or at your own device; hutong does not send anyone there.',
  },
  limited: {
    zh: '打开链接太频繁了', zhBody: '请稍等一分钟再试。',
    en: 'Too many links opened', enBody: 'Please wait a minute and try again.',
  },
} as const;

/** A code that leads nowhere, a blocked link, or too many clicks: said plainly, never a redirect. */
export function refusalPage(reason: keyof typeof refusals, code?: string): string {
  const t = refusals[reason];
  return frame(
    t.zh,
    `<h1>${escape(t.zh)}</h1><p>${escape(t.zhBody)}</p><h1 lang="en">${escape(t.en)}</h1><p lang="en">${escape(t.enBody)}</p><p>${back}</p>`,
    `class="go-missing" data-reason="${reason}"${code ? ` data-code="${escape(code)}"` : ''}`,
  );
}

/**
 * "You are leaving hutong": the destination's host, large, then the whole address; continuing is
 * a link back to /go/CODE that only counts when followed from this page (go.routes.ts).
 */
export function leavingPage(code: string, host: string, url: string): string {
  const go = `/go/${encodeURIComponent(code)}?confirm=1`;
  return frame(
    `即将离开 hutong，前往 ${host}`,
    `<h1>你即将离开 hutong</h1><p>这个链接会打开下面的网站。它不是平台核实过的商城：请确认这是你要去的地方，不要在那里输入 hutong 的密码。</p>
<h1 lang="en">You are leaving hutong</h1><p lang="en">This link opens the site below, which the platform has not verified. Make sure it is where you mean to go, and never type your hutong password there.</p>
<p class="host" data-host>${escape(host)}</p><p class="url" data-url>${escape(url)}</p>
<div class="actions"><a class="continue" href="${escape(go)}">继续前往 · Continue to ${escape(host)}</a>${back}</div>`,
    'class="go-leaving"',
  );
}
