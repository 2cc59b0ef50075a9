import { createHmac } from 'node:crypto';

/**
 * The payment sandbox's signing key, derived from the server secret (HUTONG_SECRET, or the data
 * dir's generated one) so that every node of an install verifies the sandbox's callbacks with the
 * same key and no new setting is needed. Read on first use. A real provider's keys are its own settings.
 */
export function sandboxSecret(serverSecret: () => string): () => string {
  let key: string | undefined;
  return () => (key ??= createHmac('sha256', serverSecret()).update('hutong payment sandbox').digest('base64url'));
}
