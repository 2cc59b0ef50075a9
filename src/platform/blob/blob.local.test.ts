import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { describeBlobStore } from './blob.contract';
import { LocalBlobStore } from './blob.local';

const root = mkdtempSync(join(tmpdir(), 'hutong-blobs-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
describeBlobStore('local files', async () => new LocalBlobStore(join(root, String(n++))));

it('leaves no temporary files behind after puts', async () => {
  const dir = join(root, 'tmpcheck');
  const store = new LocalBlobStore(dir);
  await Promise.all(Array.from({ length: 5 }, (_, i) => store.put('a/b', Buffer.alloc(1000, i))));
  expect(readdirSync(join(dir, 'a'))).toEqual(['b']);
});
