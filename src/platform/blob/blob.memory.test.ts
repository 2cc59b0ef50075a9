import { describeBlobStore } from './blob.contract';
import { MemoryBlobStore } from './blob.memory';

describeBlobStore('memory', async () => new MemoryBlobStore());
