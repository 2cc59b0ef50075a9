import { assertBlobKey, type BlobStore } from './blob.port';

/** Blobs in a Map: for tests and throw-away instances. Copies in and out, like a real store. */
export class MemoryBlobStore implements BlobStore {
  private readonly blobs = new Map<string, Buffer>();

  async put(key: string, bytes: Uint8Array): Promise<void> {
    assertBlobKey(key);
    this.blobs.set(key, Buffer.from(bytes));
  }

  async get(key: string): Promise<Buffer | undefined> {
    assertBlobKey(key);
    const b = this.blobs.get(key);
    return b && Buffer.from(b);
  }

  async delete(key: string): Promise<boolean> {
    assertBlobKey(key);
    return this.blobs.delete(key);
  }
}
