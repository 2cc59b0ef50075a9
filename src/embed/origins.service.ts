import type { Db } from '../platform/db/db.port';
import type { Bus } from '../platform/bus/bus.port';

/** A node that changes a shop's origins says so here (`{ shopId }`): every node forgets its copy. */
export const ORIGINS_CHANGED_TOPIC = 'embed.origins.changed';

/**
 * Each shop's list of origins allowed to embed its rooms. Read on every /embed/ROOM page and every
 * browser's event stream, so each node keeps the lists it read; a change clears them on every node
 * over the bus (at-most-once: a node that missed it holds the old list until `ttlMs` passes).
 */
export function createEmbedOrigins({ db, bus, ttlMs = 60_000, now = Date.now }: { db: Db; bus: Bus; ttlMs?: number; now?: () => number }) {
  const cache = new Map<string, { origins: readonly string[]; at: number }>();
  let unsubscribe: (() => Promise<void>) | undefined;

  async function of(shopId: string): Promise<readonly string[]> {
    const hit = cache.get(shopId);
    if (hit && now() - hit.at < ttlMs) return hit.origins;
    const rows = await db.query<{ origin: string }>('SELECT origin FROM embed_origins WHERE shop_id = $1 ORDER BY created_at, origin', [shopId]);
    const origins = Object.freeze(rows.map((r) => r.origin));
    // Bounded by the number of shops with rooms being viewed; a shop's entry is a few short strings.
    cache.set(shopId, { origins, at: now() });
    return origins;
  }

  return {
    of,

    /** Replaces the shop's whole list (already validated and normalised by embedOriginsBody). */
    async replace(shopId: string, origins: readonly string[]): Promise<readonly string[]> {
      await db.transaction(async (tx) => {
        await tx.query('DELETE FROM embed_origins WHERE shop_id = $1', [shopId]);
        if (origins.length > 0) {
          // One statement; created_at in list order, so the list reads back as it was given.
          await tx.query(
            `INSERT INTO embed_origins (shop_id, origin, created_at)
             SELECT $1, o, now() + (n * interval '1 microsecond') FROM unnest($2::text[]) WITH ORDINALITY AS given(o, n)`,
            [shopId, origins],
          );
        }
      });
      cache.delete(shopId);
      await bus.publish(ORIGINS_CHANGED_TOPIC, { shopId });
      return of(shopId);
    },

    /** True when a page of `origin` may embed the shop's rooms. */
    async allows(shopId: string, origin: string): Promise<boolean> {
      return (await of(shopId)).includes(origin);
    },

    async start(): Promise<void> {
      unsubscribe = await bus.subscribe(ORIGINS_CHANGED_TOPIC, (m) => {
        const shopId = (m as { shopId?: unknown } | null)?.shopId;
        if (typeof shopId === 'string') cache.delete(shopId);
      });
    },
    async close(): Promise<void> {
      await unsubscribe?.();
    },
  };
}

export type EmbedOriginsService = ReturnType<typeof createEmbedOrigins>;
