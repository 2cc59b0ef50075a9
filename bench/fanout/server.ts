/**
 * One server under test, in its own process so its CPU is measured alone:
 *   hutong   — the assembled app (PGlite in memory, in-process bus, demo room seeded)
 *   socketio — a plain Socket.IO server: every socket joins one room, each chat message is
 *              broadcast with io.to(room).emit; likes are added up and broadcast once a second
 *              (a fair baseline: no one ships a frame per like).
 * Prints `READY <port>`; answers `{ stats }` IPC requests with CPU and memory.
 * HUTONG_* variables in the bench's environment are passed on to hutong (e.g.
 * `HUTONG_ROOM_WRITE_BUDGET=0` measures the room written at every tick only).
 * Several hutong processes (--server-procs) share PostgreSQL and Redis, passed as
 * BENCH_DATABASE_URL and BENCH_REDIS_URL: one room over several processes, as on a 2-core node.
 * With BENCH_CPU_PROF=DIR (`--profile DIR`), the main thread is profiled over the load window
 * only (IPC `profile: 'start' | 'stop'`), not start-up, seeding and joins, and written to
 * DIR/<kind>-<pid>.cpuprofile (summarised by bench/fanout/profile.ts).
 */
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { Server } from 'socket.io';
import { loadConfig } from '../../src/app/config';
import { createHutong } from '../../src/app/hutong';
import { seedDemo } from '../../src/app/seed-demo';
import { openPglite } from '../../src/platform/db/db.pglite';
import { openPostgres } from '../../src/platform/db/db.postgres';
import { migrate } from '../../src/platform/db/migrate';

const kind = process.argv[2];
const chatMaxPerSecond = process.argv[3] ?? '1000';

async function startHutong(): Promise<number> {
  const shared = process.env.BENCH_DATABASE_URL;
  const db = shared ? await openPostgres({ url: shared }) : await openPglite({ dataDir: 'memory' });
  await migrate(db);
  const config = loadConfig({
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('HUTONG_') && !k.startsWith('HUTONG_TEST_'))),
    ...(process.env.BENCH_REDIS_URL ? { HUTONG_BUS: 'redis', HUTONG_REDIS_URL: process.env.BENCH_REDIS_URL } : {}),
    HUTONG_LOG_LEVEL: 'warn',
    HUTONG_SECRET: 'bench-secret-bench-secret-bench-secret',
    HUTONG_STREAM_KEY_SECRET: 'e'.repeat(64),
    HUTONG_CHAT_MAX_PER_SECOND: chatMaxPerSecond,
    HUTONG_SEED_DEMO: 'true',
    HUTONG_FFMPEG: 'off',
  });
  const hutong = await createHutong(config, { db });
  await seedDemo(hutong);
  await hutong.http.listen({ port: 0, host: '127.0.0.1' });
  return (hutong.http.server.address() as { port: number }).port;
}

async function startSocketIo(): Promise<number> {
  const http = createServer();
  const io = new Server(http, { transports: ['websocket'], perMessageDeflate: false, httpCompression: false });
  let likes = 0;
  let likesSent = 0;
  io.on('connection', (socket) => {
    void socket.join('room');
    socket.on('chat', (msg: { text: string }) => {
      io.to('room').emit('chat', { id: Math.random().toString(36).slice(2), at: Date.now(), from: { id: socket.id, name: 'v', role: 'viewer' }, text: String(msg?.text ?? '').slice(0, 200) });
    });
    socket.on('like', (n: number) => {
      likes += Number(n) || 0;
    });
  });
  setInterval(() => {
    if (likes !== likesSent) io.to('room').emit('likes', (likesSent = likes));
  }, 1000).unref();
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
  return (http.address() as { port: number }).port;
}

/** The CPU profile of the load window (BENCH_CPU_PROF): sampled every 200 µs for enough samples at a quiet room's 10–20 % of a core. */
let profiling: Session | undefined;
async function profile(step: 'start' | 'stop'): Promise<void> {
  const dir = process.env.BENCH_CPU_PROF;
  if (!dir) return;
  if (step === 'start') {
    profiling = new Session();
    profiling.connect();
    await profiling.post('Profiler.enable');
    await profiling.post('Profiler.setSamplingInterval', { interval: 200 });
    await profiling.post('Profiler.start');
    return;
  }
  if (!profiling) return;
  const { profile: taken } = await profiling.post('Profiler.stop');
  profiling.disconnect();
  profiling = undefined;
  await writeFile(join(dir, `${kind}-${process.pid}.cpuprofile`), JSON.stringify(taken));
}

const port = kind === 'hutong' ? await startHutong() : await startSocketIo();
process.on('message', (m: { stats?: boolean; gc?: boolean; profile?: 'start' | 'stop' }) => {
  if (m.profile) {
    void profile(m.profile).then(() => process.send!({ profiled: m.profile }));
    return;
  }
  if (!m.stats) return;
  // CPU is read before any forced collection: those are the bench's, not the server's (a full GC
  // of hutong's heap, PGlite's included, costs a good part of a CPU-second over its threads).
  const cpu = process.cpuUsage();
  if (m.gc) {
    // Two full collections (the second frees what the first's finalizers released).
    const gc = (globalThis as { gc?: () => void }).gc;
    if (!gc) throw new Error('run with --expose-gc');
    gc();
    gc();
  }
  // RSS, and the heap with what it holds outside itself (Buffers: `external`).
  const mem = process.memoryUsage();
  process.send!({ cpu, rss: mem.rss, heap: mem.heapUsed + mem.external });
});
console.log(`READY ${port}`);
