import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SecretSource<T> {
  /** The value from config (already validated there), used as is when set. */
  configured: string | undefined;
  dataDir: string;
  /** The file under the data dir that holds it otherwise (`realtime.secret`). */
  file: string;
  /** How many random bytes a new file holds, and how they are written. */
  bytes: number;
  encoding: 'hex' | 'base64url';
  /** The value from the file's text, or undefined when the text cannot be one. */
  parse: (text: string) => T | undefined;
  /** What the file must hold, for the message when it does not (`64 hex digits`). */
  shape: string;
}

/**
 * A server secret, read lazily and once: from config, else from a file under the data dir, created
 * (mode 0600, fresh random bytes) on first use. A file is right for one node only: every node of a
 * multi-node install must be given the same value in config.
 */
export function secretFromConfigOrFile<T>(source: SecretSource<T>): () => T {
  let value: T | undefined;
  return () => {
    if (value !== undefined) return value;
    if (source.configured) return (value = source.parse(source.configured)!);
    const path = join(source.dataDir, source.file);
    let text: string;
    try {
      text = readFileSync(path, 'utf8').trim();
    } catch {
      mkdirSync(source.dataDir, { recursive: true });
      try {
        writeFileSync(path, randomBytes(source.bytes).toString(source.encoding) + '\n', { mode: 0o600, flag: 'wx' });
      } catch {
        // Another process created it first: use theirs.
      }
      text = readFileSync(path, 'utf8').trim();
    }
    value = source.parse(text);
    if (value === undefined) throw new Error(`${path}: must hold ${source.shape}`);
    return value;
  };
}
