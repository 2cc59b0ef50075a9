/**
 * `npm run bench:fanout` — live-room fan-out, hutong against a plain Socket.IO room broadcast, in
 * one run on this machine (docs/benchmarks.md). Flags (defaults are the full size; on a shared
 * machine run it small, e.g. `-- --viewers 2000 --duration 10`):
 *   --viewers 20000  --duration 60  --chat-rate 200  --like-rate 1000
 *   --senders 1000   (chatting viewers, at most one per viewer; 200 msg/s over 1,000 stays under
 *                     the per-viewer limit)
 *   --sample 1000    (hutong's HUTONG_CHAT_MAX_PER_SECOND; 1000 = no sampling at 200 msg/s, so
 *                     both servers deliver the same messages; 20 shows the sampled room)
 *   --only hutong|socketio
 *   --pin            servers on CPU 0, load generators on CPU 1 (taskset): on a 2-core machine the
 *                    generators then cannot take the servers' time, and the servers get one core.
 *   --server-procs N (default 1 up to 15,000 viewers, else 2): server processes sharing the room.
 *                    hutong's share PostgreSQL and Redis (bus and counters): --database-url ADMIN_URL
 *                    (a bench database is created and dropped) and --redis URL, defaulting to
 *                    HUTONG_TEST_DATABASE_URL / HUTONG_TEST_REDIS_URL. Socket.IO's share nothing:
 *                    the generators send each chat message to every one of them.
 *   --postgres       hutong on PostgreSQL even in one process (--database-url): its chat inserts run
 *                    in the database's process instead of PGlite's in the server's.
 *   --matrix         both servers over 100, 500, 2,000 and 20,000 viewers × 10, 50 and 200 chat/s
 *                    (--duration defaults to 10 s per cell there), printed as one table;
 *                    --matrix-viewers 100,500 and --matrix-rates 10,50 run a part of it (a row
 *                    measured under load is re-run that way).
 *   --profile DIR    a CPU profile of each server process's main thread over the load window,
 *                    DIR/<kind>-<pid>.cpuprofile (BENCH_CPU_PROF=DIR does the same); summarise it
 *                    with `npx tsx bench/fanout/profile.ts FILE`.
 * One process holds at most ~19,900 sockets here (open-files cap): 20,000 viewers need two server
 * processes (DESIGN.md §6), and the load is spread over generator processes of 9,000 viewers.
 */
import { mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { FanoutBench, type Cell, type Kind, type Result } from './measure';
import { MEMORY_NOTE, printMachine, printMatrixHead, printMatrixRow, printOne } from './report';

const args = process.argv.slice(2);
const has = (name: string) => args.includes(`--${name}`);
const text = (name: string) => (has(name) ? args[args.indexOf(`--${name}`) + 1] : undefined);
const flag = (name: string, def: number) => (has(name) ? Number(text(name)) : def);
const list = (name: string, def: number[]) => (has(name) ? text(name)!.split(',').map(Number) : def);

const matrix = has('matrix');
if (has('profile')) {
  process.env.BENCH_CPU_PROF = text('profile');
  mkdirSync(text('profile')!, { recursive: true });
}
const only = text('only') as Kind | undefined;
const pin = has('pin');
const bench = new FanoutBench({
  pin,
  postgres: has('postgres'),
  databaseAdminUrl: text('database-url') ?? process.env.HUTONG_TEST_DATABASE_URL,
  redisUrl: text('redis') ?? process.env.HUTONG_TEST_REDIS_URL,
});

function cellFor(viewers: number, chatRate: number): Cell {
  return {
    viewers,
    chatRate,
    likeRate: flag('like-rate', 1000),
    senders: Math.min(viewers, flag('senders', 1000)),
    durationMs: flag('duration', matrix ? 10 : 60) * 1000,
    sample: flag('sample', 1000),
    serverProcs: flag('server-procs', viewers > 15_000 ? 2 : 1),
  };
}

async function runCell(cell: Cell): Promise<Result[]> {
  const results: Result[] = [];
  for (const kind of (only ? [only] : ['hutong', 'socketio']) as Kind[]) {
    console.error(`running ${kind}: ${cell.viewers} viewers, chat ${cell.chatRate}/s from ${cell.senders} senders, likes ${cell.likeRate}/s, ${cell.durationMs / 1000} s…`);
    results.push(await bench.run(kind, cell));
  }
  return results;
}

if (matrix) {
  printMachine(pin);
  console.log(`each cell: likes ${flag('like-rate', 1000)}/s, ${flag('duration', 10)} s, hutong chat cap ${flag('sample', 1000)}/s per viewer; two server processes each above 15,000 viewers`);
  console.log(`hutong's database: ${has('postgres') ? 'PostgreSQL' : 'PGlite in the server process'} in one process, PostgreSQL and Redis with two`);
  console.log(MEMORY_NOTE);
  printMatrixHead();
  for (const viewers of list('matrix-viewers', [100, 500, 2000, 20_000])) {
    for (const rate of list('matrix-rates', [10, 50, 200])) {
      const cell = cellFor(viewers, rate);
      printMatrixRow({ cell, results: await runCell(cell) });
    }
  }
  console.log(`\nfinished ${new Date().toISOString()}, load avg ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
} else {
  const cell = cellFor(flag('viewers', 20_000), flag('chat-rate', 200));
  const results = await runCell(cell);
  printMachine(pin);
  printOne(cell, results);
}
