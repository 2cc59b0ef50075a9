/**
 * When to try a failed delivery again: exponential (×4 per attempt, from `baseMs`: 5 s, 20 s, 80 s,
 * 5 min, 21 min, 85 min, 5.7 h, 22.8 h by default, at most a day), with jitter so that the retries of
 * many deliveries that failed together do not come back together: each wait is drawn between a
 * quarter of the full wait and all of it. A receiver's `Retry-After` (seconds) lengthens the wait, never shortens it.
 */
const CAP_MS = 24 * 3600_000;

export function retryDelayMs(attempt: number, baseMs: number, random: () => number = Math.random, retryAfterMs?: number): number {
  const full = Math.min(CAP_MS, baseMs * 4 ** Math.max(0, attempt - 1));
  const jittered = Math.round(full * (0.25 + 0.75 * random()));
  return Math.min(CAP_MS, Math.max(jittered, retryAfterMs ?? 0));
}
