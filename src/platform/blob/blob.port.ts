/**
 * The blob-store port: whole objects (product images now, recordings later) by key.
 *
 * Guarantees:
 * - Keys are relative paths of `[a-z0-9._-]` segments joined by `/`; anything else (`..`, a leading
 *   `/`, a backslash, upper case) throws before any I/O, so a key can never escape the store.
 * - `put` is atomic per key: a reader sees the old object, the new one, or nothing — never a part.
 *   Two writers of one key: the last to finish wins.
 * - `get` of a missing key resolves `undefined`; `delete` of a missing key resolves `false`.
 * Limits: objects are held in memory whole; this is for objects of a few MB (images), not video.
 */
export interface BlobStore {
  put(key: string, bytes: Uint8Array): Promise<void>;
  get(key: string): Promise<Buffer | undefined>;
  delete(key: string): Promise<boolean>;
}

const segment = /^[a-z0-9_-][a-z0-9._-]{0,127}$/;

/** Throws unless `key` is a well-formed blob key (see the port's guarantees). */
export function assertBlobKey(key: string): void {
  const parts = key.split('/');
  if (key.length > 512 || parts.some((p) => !segment.test(p) || p === '.' || p === '..' || p.includes('..'))) {
    throw new Error(`invalid blob key: ${JSON.stringify(key.slice(0, 80))}`);
  }
}
