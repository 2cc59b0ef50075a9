import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * HUTONG_SECRET, else `realtime.secret` under the data dir, created (mode 0600) on first use.
 * A file is right for one node only: every node of a multi-node install must share the value.
 */
export function realtimeSecret(configured: string | undefined, dataDir: string): () => string {
  let secret = configured;
  return () => {
    if (secret) return secret;
    const path = join(dataDir, 'realtime.secret');
    try {
      secret = readFileSync(path, 'utf8').trim();
    } catch {
      mkdirSync(dataDir, { recursive: true });
      try {
        writeFileSync(path, randomBytes(32).toString('base64url') + '\n', { mode: 0o600, flag: 'wx' });
      } catch {
        // Another process created it first: use theirs.
      }
      secret = readFileSync(path, 'utf8').trim();
    }
    if (secret.length < 32) throw new Error(`${path}: must hold at least 32 characters`);
    return secret;
  };
}
