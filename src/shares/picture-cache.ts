/**
 * Rendered posters and cards, kept a short while in this process: rendering loads fonts and costs
 * tens of milliseconds, and a share pasted into a busy group is fetched by many at once. Concurrent
 * callers of one key share one rendering. Bounded: the oldest entry goes first.
 */
export function createPictureCache({ entries, ttlMs }: { entries: number; ttlMs: number }) {
  const cache = new Map<string, { at: number; png: Promise<Buffer> }>();
  return {
    get(key: string, make: () => Promise<Buffer>): Promise<Buffer> {
      const now = Date.now();
      const hit = cache.get(key);
      if (hit && now - hit.at < ttlMs) return hit.png;
      const png = make();
      cache.delete(key);
      cache.set(key, { at: now, png });
      png.catch(() => {
        if (cache.get(key)?.png === png) cache.delete(key);
      });
      while (cache.size > entries) cache.delete(cache.keys().next().value!);
      return png;
    },
  };
}
