/**
 * `npm run bench:fanout` — live-room fan-out, hutong against a plain Socket.IO room broadcast, in
 * one run on this machine (docs/benchmarks.md). Flags (defaults are the issue's full size; the
 * machine is shared now, so run it small, e.g. `-- --viewers 2000 --duration 10`):
 *   --viewers 20000  --duration 60  --chat-rate 200  --like-rate 1000
 *   --senders 1000   (chatting viewers; 200 msg/s over 1,000 stays under the per-viewer limit)
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
 * One process holds at most ~19,900 sockets here (open-files cap): 20,000 viewers need two server
 * processes (DESIGN.md §6), and the load is spread over generator processes of 9,000 viewers.
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { cpus, totalmem, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const flag = (name: string, def: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const viewers = flag('viewers', 20_000);
const durationMs = flag('duration', 60) * 1000;
const chatRate = flag('chat-rate', 200);
const likeRate = flag('like-rate', 1000);
const senders = Math.min(viewers, flag('senders', 1000));
const sample = flag('sample', 1000);
const perGenerator = 9000;
const serverProcs = flag('server-procs', viewers > 15_000 ? 2 : 1);
const opt = (name: string, env: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : process.env[env]);
const databaseAdminUrl = opt('database-url', 'HUTONG_TEST_DATABASE_URL');
const redisUrl = opt('redis', 'HUTONG_TEST_REDIS_URL');
const pin = args.includes('--pin');
const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));

/** Moves every thread of a process onto one CPU (with --pin). */
function pinTo(child: ChildProcess, cpu: number): void {
  if (pin) execFileSync('taskset', ['-a', '-pc', String(cpu), String(child.pid)], { stdio: 'ignore' });
}

interface Stats { cpu: NodeJS.CpuUsage; rss: number }
interface Report { delivered: number; received: number; chats: number; likes: number; refused: number; latencies: number[]; cpu: NodeJS.CpuUsage }

function ask<T>(child: ChildProcess, msg: object, key?: string): Promise<T> {
  return new Promise((resolve) => {
    const on = (m: Record<string, unknown>) => {
      if (key && !(key in m)) return;
      child.off('message', on);
      resolve(m as T);
    };
    child.on('message', on);
    if (Object.keys(msg).length) child.send(msg);
  });
}

async function startServer(kind: string, env: Record<string, string> = {}): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(here('./server.ts'), [kind, String(sample)], {
    execArgv: ['--import', 'tsx', '--expose-gc', ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [])],
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    env: { ...process.env, ...env },
  });
  pinTo(child, 0);
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /READY (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`${kind} server exited (${code})`)));
  });
  return { child, port };
}

const pct = (xs: number[], p: number) => (xs.length ? xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]! : NaN);
const cpuSeconds = (a: NodeJS.CpuUsage, b: NodeJS.CpuUsage) => (b.user - a.user + b.system - a.system) / 1e6;

async function startServers(kind: string) {
  if (serverProcs === 1) return { servers: [await startServer(kind)], cleanup: async () => {} };
  let env: Record<string, string> = {};
  let cleanup = async () => {};
  if (kind === 'hutong') {
    if (!databaseAdminUrl || !redisUrl) throw new Error('--server-procs > 1 needs --database-url and --redis (or HUTONG_TEST_DATABASE_URL / HUTONG_TEST_REDIS_URL)');
    const { createTestDatabase } = await import('../../test/support/postgres');
    const database = await createTestDatabase(databaseAdminUrl);
    // A fresh key prefix is not needed: room ids (and so every key and topic) are new per database.
    env = { BENCH_DATABASE_URL: database.url, BENCH_REDIS_URL: redisUrl };
    cleanup = database.drop;
  }
  const servers = [];
  for (let i = 0; i < serverProcs; i++) servers.push(await startServer(kind, env)); // one after the other: the first seeds
  return { servers, cleanup };
}

const sum = (xs: Stats[]): Stats => ({
  cpu: xs.reduce((a, x) => ({ user: a.user + x.cpu.user, system: a.system + x.cpu.system }), { user: 0, system: 0 }),
  rss: xs.reduce((a, x) => a + x.rss, 0),
});
const statsOf = async (children: ChildProcess[]) => sum(await Promise.all(children.map((c) => ask<Stats>(c, { stats: true }, 'cpu'))));

/** Stops processes and waits until they are gone (a live server would see its database dropped). */
async function stopAll(children: ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map(async (c) => {
      if (c.exitCode !== null || c.signalCode !== null) return;
      const gone = once(c, 'exit');
      c.kill();
      const hard = setTimeout(() => c.kill('SIGKILL'), 5000);
      await gone;
      clearTimeout(hard);
    }),
  );
}

/** Settles (rejected) when a server dies mid-run or the run overruns: that run is reported as failed, the bench goes on. */
function failure(servers: ChildProcess[], deadlineMs: number): { failed: Promise<never>; done(): void } {
  let done = false;
  let timer: NodeJS.Timeout | undefined;
  const failed = new Promise<never>((_, reject) => {
    for (const s of servers) s.once('exit', (code, signal) => !done && reject(new Error(`a server process exited (${signal ?? `code ${code}`})`)));
    timer = setTimeout(() => reject(new Error(`no result after ${deadlineMs / 1000} s`)), deadlineMs);
  });
  failed.catch(() => {});
  return { failed, done: () => ((done = true), clearTimeout(timer)) };
}

async function measure(kind: 'hutong' | 'socketio', children: ChildProcess[], ports: number[], generators: ChildProcess[]) {
  const before = await statsOf(children);
  for (let start = 0; start < viewers; start += perGenerator) {
    const n = Math.min(perGenerator, viewers - start);
    const plan = {
      kind, ports, viewers: n,
      senders: Math.max(1, Math.round((senders * n) / viewers)),
      chatRate: (chatRate * n) / viewers, likeRate: (likeRate * n) / viewers,
      durationMs, sampleEvery: Math.max(1, Math.ceil(viewers / 40)), addresses: 4,
    };
    const g = fork(here('./load.ts'), [JSON.stringify(plan)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    pinTo(g, 1);
    generators.push(g);
  }
  await Promise.all(generators.map((g) => ask(g, {}, 'connected')));
  await new Promise((r) => setTimeout(r, 2000)); // idle: joins counted, buffers settled
  const idle = await statsOf(children);
  const reports = Promise.all(generators.map((g) => ask<Report>(g, {}, 'delivered')));
  for (const g of generators) g.send({ go: true });
  const r = await reports;
  const after = await statsOf(children);
  const latencies = r.flatMap((x) => x.latencies).sort((a, b) => a - b);
  const delivered = r.reduce((s, x) => s + x.delivered, 0);
  const cpu = cpuSeconds(idle.cpu, after.cpu);
  return {
    kind,
    delivered,
    frames: r.reduce((s, x) => s + x.received, 0),
    sent: r.reduce((s, x) => s + x.chats, 0),
    refused: r.reduce((s, x) => s + x.refused, 0),
    cpu,
    systemCpu: (after.cpu.system - idle.cpu.system) / 1e6,
    loadCpu: r.reduce((s, x) => s + cpuSeconds({ user: 0, system: 0 }, x.cpu), 0),
    perCpuSecond: delivered / cpu,
    p50: pct(latencies, 50),
    p99: pct(latencies, 99),
    kbPerViewer: (idle.rss - before.rss) / viewers / 1024,
  };
}

type Result = Awaited<ReturnType<typeof measure>> | { kind: string; failed: string };

async function runOne(kind: 'hutong' | 'socketio'): Promise<Result> {
  const { servers, cleanup } = await startServers(kind);
  const children = servers.map((x) => x.child);
  const generators: ChildProcess[] = [];
  const watch = failure(children, durationMs + 300_000);
  try {
    return await Promise.race([measure(kind, children, servers.map((x) => x.port), generators), watch.failed]);
  } catch (err) {
    return { kind, failed: (err as Error).message };
  } finally {
    watch.done();
    await stopAll([...generators, ...children]);
    await cleanup();
  }
}

const kinds = (only ? [only] : ['hutong', 'socketio']) as ('hutong' | 'socketio')[];
const results: Result[] = [];
for (const k of kinds) {
  console.error(`running ${k}: ${viewers} viewers, chat ${chatRate}/s from ${senders} senders, likes ${likeRate}/s, ${durationMs / 1000} s…`);
  results.push(await runOne(k));
}

const c = cpus();
console.log(`\nfan-out benchmark — ${new Date().toISOString()}`);
console.log(`machine: ${c.length} × ${c[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, load avg ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
console.log(`load: ${viewers} viewers in one room, chat ${chatRate}/s, likes ${likeRate}/s, ${durationMs / 1000} s; hutong chat cap ${sample}/s per viewer; ${serverProcs} server process(es) each\n`);
console.log(`${pin ? 'pinned: servers on CPU 0, load generators on CPU 1' : 'not pinned: servers and load generators share every CPU'}\n`);
console.log('server    | chat sent | delivered   | frames     | server CPU s     | delivered / CPU s | p50 ms | p99 ms | KB / idle viewer | load CPU s');
const ok = (x: Result | undefined) => (x && !('failed' in x) ? x : undefined);
for (const x of results) {
  if ('failed' in x) {
    console.log(`${x.kind.padEnd(9)} | failed: ${x.failed}`);
    continue;
  }
  console.log(
    `${x.kind.padEnd(9)} | ${String(x.sent).padStart(9)} | ${String(x.delivered).padStart(11)} | ${String(x.frames).padStart(10)} | ${`${x.cpu.toFixed(1)} (${Math.round((100 * x.systemCpu) / x.cpu)}% sys)`.padStart(16)} | ${Math.round(x.perCpuSecond).toString().padStart(17)} | ${String(x.p50).padStart(6)} | ${String(x.p99).padStart(6)} | ${x.kbPerViewer.toFixed(1).padStart(16)} | ${x.loadCpu.toFixed(2).padStart(10)}`,
  );
  if (x.refused) console.log(`  (${x.refused} chat messages refused by hutong's rules)`);
}
const h = ok(results.find((x) => x.kind === 'hutong'));
const s = ok(results.find((x) => x.kind === 'socketio'));
if (h && s) {
  console.log(`\nratio hutong / Socket.IO: ${(h.perCpuSecond / s.perCpuSecond).toFixed(1)}× delivered chat per server CPU-second (target ≥ 3×); memory per idle viewer ${(h.kbPerViewer / s.kbPerViewer).toFixed(2)}×`);
}
console.log(`targets: p99 ≤ 300 ms, ≤ 10 KB per idle viewer`);
