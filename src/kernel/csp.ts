/**
 * The Content-Security-Policy of every HTML page, built in one place so a route that must be framed
 * elsewhere (the embeddable player) widens only `frame-ancestors`, never the rest.
 *
 * What the web app needs, and why each source is there:
 * - scripts and styles from our own origin only (Vite emits files, no inline script); style
 *   attributes that React sets through the DOM are not inline styles in CSP's sense, but the
 *   pages served by the server (interstitials, share pages) keep one small `<style>` block, so
 *   `style-src` allows inline styles — never inline script;
 * - `blob:` workers and media: mpegts.js and hls.js run their demuxers in workers made from blobs
 *   and feed the `<video>` element a MediaSource blob URL;
 * - images from our origin, `data:` (the favicon, QR codes) and `blob:` (a picked image's preview);
 * - `connect-src 'self'` covers fetch, HTTP-FLV and the room socket (ws/wss on the same host);
 * - `frame-ancestors 'self'` unless the caller names more origins.
 *
 * Pure (kernel), so any context may build the policy of a page it serves; `app/http/security-headers.ts`
 * sends it on every HTML answer that has no policy of its own.
 */
export interface CspOptions {
  /** Origins (`https://shop.example`) allowed to frame the page, besides our own. */
  frameAncestors?: readonly string[];
}

export function contentSecurityPolicy(opts: CspOptions = {}): string {
  const directives: Record<string, readonly string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'media-src': ["'self'", 'blob:'],
    'worker-src': ["'self'", 'blob:'],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'self'", ...(opts.frameAncestors ?? [])],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

