const LIKES_PER_SECOND = 20;
const LIKES_BURST = 100;

/**
 * How many of a socket's coalesced taps count. A person taps at most ~10 times a second; a socket's
 * likes are capped at LIKES_PER_SECOND (burst LIKES_BURST) and the rest dropped silently, so one
 * script cannot inflate the room's total. The budget lives on the socket's client record.
 */
export function takeLikes(bucket: { likeTokens?: number; likesAt?: number }, n: number, now: number): number {
  const tokens = Math.min(LIKES_BURST, (bucket.likeTokens ?? LIKES_BURST) + ((now - (bucket.likesAt ?? now)) / 1000) * LIKES_PER_SECOND);
  const take = Math.min(n, Math.floor(tokens));
  bucket.likeTokens = tokens - take;
  bucket.likesAt = now;
  return take;
}
