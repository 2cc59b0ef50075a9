import { describe, expect, it } from 'vitest';
import type { BlobStore } from './blob.port';

/** The one contract every blob-store adapter passes (see blob.port.ts). */
export function describeBlobStore(name: string, open: () => Promise<BlobStore>) {
  describe(`blob store contract: ${name}`, () => {
    it('returns what was put, byte for byte, and undefined for a missing key', async () => {
      const store = await open();
      const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 31) % 256);
      await store.put('images/shop-1/a.png', bytes);
      expect(Buffer.compare((await store.get('images/shop-1/a.png'))!, Buffer.from(bytes))).toBe(0);
      expect(await store.get('images/shop-1/missing.png')).toBeUndefined();
    });

    it('replaces an object whole on a second put, and deletes it once', async () => {
      const store = await open();
      await store.put('k/one', Buffer.from('first version, longer'));
      await store.put('k/one', Buffer.from('second'));
      expect((await store.get('k/one'))!.toString()).toBe('second');
      expect(await store.delete('k/one')).toBe(true);
      expect(await store.delete('k/one')).toBe(false);
      expect(await store.get('k/one')).toBeUndefined();
    });

    it('never lets a key escape the store', async () => {
      const store = await open();
      for (const key of ['../etc/passwd', '/abs', 'a/../../b', 'a\\b', 'UPPER', 'a//b', '', 'a/./b']) {
        await expect(store.put(key, Buffer.from('x')), key).rejects.toThrow(/invalid blob key/);
        await expect(store.get(key), key).rejects.toThrow(/invalid blob key/);
      }
    });

    it('keeps concurrent writers of one key atomic: the result is one whole version', async () => {
      const store = await open();
      const versions = Array.from({ length: 8 }, (_, i) => Buffer.alloc(200_000, i));
      await Promise.all(versions.map((v) => store.put('race/key', v)));
      const got = (await store.get('race/key'))!;
      expect(versions.some((v) => Buffer.compare(v, got) === 0)).toBe(true);
    });
  });
}
