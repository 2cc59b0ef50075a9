import { contentSecurityPolicy } from '../kernel/csp';

/**
 * The Content-Security-Policy of /embed/ROOM: the page policy of every HTML page (kernel/csp.ts),
 * with `frame-ancestors` widened from hutong's own pages to the origins the room's shop listed, and
 * nothing else. Origins reach here normalised by `embedOrigin` (scheme://host[:port]), so none can
 * carry a `;` or a space that would start another directive.
 */
export const embedPolicy = (origins: readonly string[]): string => contentSecurityPolicy({ frameAncestors: origins });
