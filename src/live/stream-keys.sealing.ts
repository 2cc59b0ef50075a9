import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The 32-byte key that seals stream keys at rest: from config, else `stream-key.secret` under the
 * data dir, created (mode 0600) on first use. Read lazily and once.
 */
export function streamKeySealingKey(configured: string | undefined, dataDir: string): () => Buffer {
  let key: Buffer | undefined;
  return () => {
    if (key) return key;
    if (configured) return (key = Buffer.from(configured, 'hex'));
    const path = join(dataDir, 'stream-key.secret');
    try {
      key = Buffer.from(readFileSync(path, 'utf8').trim(), 'hex');
    } catch {
      mkdirSync(dataDir, { recursive: true });
      const fresh = randomBytes(32).toString('hex');
      try {
        writeFileSync(path, fresh + '\n', { mode: 0o600, flag: 'wx' });
      } catch {
        // Another process created it first: use theirs.
      }
      key = Buffer.from(readFileSync(path, 'utf8').trim(), 'hex');
    }
    if (key.length !== 32) throw new Error(`${path}: must hold 64 hex digits`);
    return key;
  };
}
