/**
 * The soak bench's hutong, in a process of its own (one node, PGlite in memory, in-process bus and
 * counters — the memory adapters are the ones that would keep an ended show's state). Prints
 * `READY <port>`; answers IPC: `{ live: true }` starts a show in the demo room, `{ end: id }`
 * ends it, `{ memory: true }` answers RSS, V8 heap and what the counters hold, after full GCs.
 */
import { loadConfig } from '../../src/app/config';
import { createHutong } from '../../src/app/hutong';
import { seedDemo } from '../../src/app/seed-demo';
import { openPglite } from '../../src/platform/db/db.pglite';
import { migrate } from '../../src/platform/db/migrate';
import { MemoryCounters } from '../../src/platform/counters/counters.memory';

const db = await openPglite({ dataDir: 'memory' });
await migrate(db);
const counters = new MemoryCounters();
const config = loadConfig({
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('HUTONG_') && !k.startsWith('HUTONG_TEST_'))),
  HUTONG_LOG_LEVEL: 'warn',
  HUTONG_SECRET: 'bench-secret-bench-secret-bench-secret',
  HUTONG_FFMPEG: 'off',
});
const hutong = await createHutong(config, { db, counters });
await seedDemo(hutong);
await hutong.http.listen({ port: 0, host: '127.0.0.1' });
const room = await hutong.rooms.bySlug('demo');

process.on('message', (m: { live?: boolean; end?: string; memory?: boolean }) => {
  void (async () => {
    if (m.live) return process.send!({ live: (await hutong.shows.goLive(room.id)).show.id });
    if (m.end) return process.send!({ ended: (await hutong.shows.end(m.end))?.id });
    if (m.memory) {
      const gc = (globalThis as { gc?: () => void }).gc;
      if (!gc) throw new Error('run with --expose-gc');
      gc();
      gc();
      const mem = process.memoryUsage();
      process.send!({ rss: mem.rss, heap: mem.heapUsed, external: mem.external, scopes: counters.scopes });
    }
  })();
});
console.log(`READY ${(hutong.http.server.address() as { port: number }).port}`);
