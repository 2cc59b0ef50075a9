import { hash, timingSafeEqual } from 'node:crypto';

/**
 * SHA-256 of a high-entropy secret. Enough for random tokens (not for passwords, which use argon2):
 * a 256-bit random secret cannot be brute-forced from its hash.
 */
export const hashSecret = (secret: string): string => hash('sha256', secret, 'hex'); // one-shot: hashed on every request with a session

/** Compares two strings in time independent of where they differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  // Lengths leak nothing useful here: both sides are fixed-length hashes or keys.
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}
