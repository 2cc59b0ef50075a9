import { createHmac, randomBytes } from 'node:crypto';
import { constantTimeEqual } from '../kernel/secrets';

/**
 * Anonymous viewers carry a signed key `<id>.<mac>` (HMAC-SHA256 with HUTONG_SECRET), so a viewer
 * stays the same viewer across reconnects (views, unique, mutes) without an account, and cannot
 * pick someone else's id. Every node of an install must share the secret.
 */
/** `secret` is read on first use (it may create a file under the data dir). */
export function createViewerKeys(secret: () => string) {
  const mac = (id: string) => createHmac('sha256', secret()).update(`viewer:${id}`).digest('base64url').slice(0, 22);
  return {
    issue(): { id: string; key: string } {
      const raw = randomBytes(12).toString('base64url');
      return { id: `a:${raw}`, key: `${raw}.${mac(raw)}` };
    },
    /** The viewer id of a valid key, or undefined for a forged or malformed one. */
    verify(key: string): string | undefined {
      const [raw, sig, extra] = key.split('.');
      if (!raw || !sig || extra !== undefined || raw.length > 32) return undefined;
      return constantTimeEqual(sig, mac(raw)) ? `a:${raw}` : undefined;
    },
  };
}

export type ViewerKeys = ReturnType<typeof createViewerKeys>;
