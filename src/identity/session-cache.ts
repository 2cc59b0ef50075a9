import type { Bus } from '../platform/bus/bus.port';
import type { User } from '../contracts/identity.schemas';

/** Told on the bus when a session ends (logout), so every node forgets it at once. Carries the token's hash, never the token. */
export const SESSION_ENDED_TOPIC = 'identity.session.ended';

/** At most this many sessions are remembered per node; the oldest go first. */
const MAX_ENTRIES = 100_000;

/**
 * Sessions a node read recently, by token hash: a busy route (100,000 flash-sale attempts) would
 * otherwise cost a query per request. An entry lives `ttlMs` and never past its session's expiry;
 * a logout removes it here and, over the bus, on every other node. The bus is at-most-once: a node
 * that misses the message trusts the ended session for at most `ttlMs` more (docs/config.md).
 */
export function createSessionCache({ ttlMs, bus, now }: { ttlMs: number; bus: Bus; now: () => number }) {
  const entries = new Map<string, { user: User; expiresAt: number; until: number }>();
  let unsubscribe: (() => Promise<void>) | undefined;

  return {
    enabled: ttlMs > 0,

    get(tokenHash: string): { user: User; expiresAt: number } | undefined {
      const e = entries.get(tokenHash);
      if (!e) return undefined;
      if (e.until <= now()) {
        entries.delete(tokenHash);
        return undefined;
      }
      return e;
    },

    set(tokenHash: string, user: User, expiresAt: number): void {
      if (ttlMs <= 0) return;
      if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
      entries.set(tokenHash, { user, expiresAt, until: Math.min(now() + ttlMs, expiresAt) });
    },

    /** Forgets a session here and on every node. */
    async end(tokenHash: string): Promise<void> {
      entries.delete(tokenHash);
      await bus.publish(SESSION_ENDED_TOPIC, { tokenHash });
    },

    async start(): Promise<void> {
      unsubscribe = await bus.subscribe(SESSION_ENDED_TOPIC, (message) => {
        const { tokenHash } = (message ?? {}) as { tokenHash?: unknown };
        if (typeof tokenHash === 'string') entries.delete(tokenHash);
      });
    },

    async close(): Promise<void> {
      await unsubscribe?.();
    },
  };
}

export type SessionCache = ReturnType<typeof createSessionCache>;
