/**
 * One server under test, in its own process so its CPU is measured alone:
 *   hutong   — the assembled app (PGlite in memory, in-process bus, demo room seeded)
 *   socketio — a plain Socket.IO server: every socket joins one room, each chat message is
 *              broadcast with io.to(room).emit; likes are added up and broadcast once a second
 *              (a fair baseline: no one ships a frame per like).
 * Prints `READY <port>`; answers `{ stats }` IPC requests with CPU and memory.
 * Several hutong processes (--server-procs) share PostgreSQL and Redis, passed as
 * BENCH_DATABASE_URL and BENCH_REDIS_URL: one room over several processes, as on a 2-core node.
 */
import { createServer } from 'node:http';
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
    ...(process.env.BENCH_REDIS_URL ? { HUTONG_BUS: 'redis', HUTONG_REDIS_URL: process.env.BENCH_REDIS_URL } : {}),
    HUTONG_LOG_LEVEL: 'warn',
    HUTONG_SECRET: 'bench-secret-bench-secret-bench-secret',
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

const port = kind === 'hutong' ? await startHutong() : await startSocketIo();
process.on('message', (m: { stats?: boolean }) => {
  if (!m.stats) return;
  (globalThis as { gc?: () => void }).gc?.();
  process.send!({ cpu: process.cpuUsage(), rss: process.memoryUsage().rss });
});
console.log(`READY ${port}`);
