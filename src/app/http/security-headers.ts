import type { FastifyInstance, FastifyReply } from 'fastify';
import { contentSecurityPolicy, type CspOptions } from '../../kernel/csp';

export { contentSecurityPolicy };

export const CSP_HEADER = 'content-security-policy';

/** Sets the page CSP on one reply (a route that frames differently calls this with its origins). */
export const setPageCsp = (reply: FastifyReply, opts?: CspOptions): FastifyReply => reply.header(CSP_HEADER, contentSecurityPolicy(opts));

/** The interactive OpenAPI page (Swagger UI) runs inline scripts of its own; it gets its own policy. */
const DOCS_PREFIX = '/api/docs';

/**
 * Every answer: `nosniff` and, unless the route set its own, a referrer policy that keeps paths and
 * share codes off other sites.
 * Every HTML answer without a policy of its own: the page CSP above.
 */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    // A route that chose its own (the click-out's no-referrer) keeps it.
    if (!reply.hasHeader('referrer-policy')) reply.header('referrer-policy', 'strict-origin-when-cross-origin');
    const type = String(reply.getHeader('content-type') ?? '');
    if (!type.startsWith('text/html') || reply.hasHeader(CSP_HEADER)) return payload;
    if (req.url.startsWith(DOCS_PREFIX)) reply.header(CSP_HEADER, "frame-ancestors 'self'");
    else setPageCsp(reply);
    return payload;
  });
}
