/**
 * One cell of the fan-out bench: start one kind of server (one or more processes), connect the
 * viewers from load generator processes, let them sit idle, run the load, and read what the
 * servers spent and what the viewers got.
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

export type Kind = 'hutong' | 'socketio';

export interface Cell {
  viewers: number;
  chatRate: number;
  likeRate: number;
  senders: number;
  durationMs: number;
  /** hutong's HUTONG_CHAT_MAX_PER_SECOND. */
  sample: number;
  serverProcs: number;
}

export interface Setup {
  pin: boolean;
  /** hutong on PostgreSQL even in one process (its chat inserts then run in the database's process, not the server's). */
  postgres: boolean;
  databaseAdminUrl: string | undefined;
  redisUrl: string | undefined;
}

/** What the server processes report (server.ts), read after two full GCs. */
interface Stats { cpu: NodeJS.CpuUsage; rss: number; heap: number }
interface Report { delivered: number; received: number; chats: number; likes: number; refused: number; latencies: number[]; cpu: NodeJS.CpuUsage }

/** Memory per idle viewer, with the noise of the readings it comes from (KB per viewer). */
export interface MemoryFigure {
  rss: number;
  heap: number;
  /** How far apart back-to-back readings of an unchanging server were, per viewer. */
  rssNoise: number;
  heapNoise: number;
}

export interface Measured {
  kind: Kind;
  delivered: number;
  frames: number;
  sent: number;
  refused: number;
  cpu: number;
  systemCpu: number;
  loadCpu: number;
  perCpuSecond: number;
  p50: number;
  p99: number;
  memory: MemoryFigure;
  /** The machine's 1-minute load average when the load started and when it ended. */
  loadAvg: [number, number];
}

export type Result = Measured | { kind: Kind; failed: string };

const perGenerator = 9000;
const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));

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

const pct = (xs: number[], p: number) => (xs.length ? xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]! : NaN);
const cpuSeconds = (a: NodeJS.CpuUsage, b: NodeJS.CpuUsage) => (b.user - a.user + b.system - a.system) / 1e6;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class FanoutBench {
  constructor(private readonly setup: Setup) {}

  /** Runs one kind of server over one cell; a server that dies or a run that overruns is a `failed` result. */
  async run(kind: Kind, cell: Cell): Promise<Result> {
    const { servers, cleanup } = await this.#startServers(kind, cell);
    const children = servers.map((x) => x.child);
    const generators: ChildProcess[] = [];
    const watch = failure(children, cell.durationMs + 300_000);
    try {
      return await Promise.race([this.#measure(kind, cell, children, servers.map((x) => x.port), generators), watch.failed]);
    } catch (err) {
      return { kind, failed: (err as Error).message };
    } finally {
      watch.done();
      await stopAll([...generators, ...children]);
      await cleanup();
    }
  }

  /** Moves every thread of a process onto one CPU (with --pin). */
  #pinTo(child: ChildProcess, cpu: number): void {
    if (this.setup.pin) execFileSync('taskset', ['-a', '-pc', String(cpu), String(child.pid)], { stdio: 'ignore' });
  }

  async #startServer(kind: Kind, cell: Cell, env: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
    const child = fork(here('./server.ts'), [kind, String(cell.sample)], {
      execArgv: ['--import', 'tsx', '--expose-gc'],
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
      env: { ...process.env, ...env },
    });
    this.#pinTo(child, 0);
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

  async #startServers(kind: Kind, cell: Cell) {
    const shared = cell.serverProcs > 1;
    if (!shared && !(kind === 'hutong' && this.setup.postgres)) return { servers: [await this.#startServer(kind, cell, {})], cleanup: async () => {} };
    let env: Record<string, string> = {};
    let cleanup = async () => {};
    if (kind === 'hutong') {
      const { databaseAdminUrl, redisUrl } = this.setup;
      if (!databaseAdminUrl || (shared && !redisUrl)) throw new Error('more than one server process (or --postgres) needs --database-url, and --redis (or HUTONG_TEST_DATABASE_URL / HUTONG_TEST_REDIS_URL)');
      const { createTestDatabase } = await import('../../test/support/postgres');
      const database = await createTestDatabase(databaseAdminUrl);
      // A fresh key prefix is not needed: room ids (and so every key and topic) are new per database.
      env = { BENCH_DATABASE_URL: database.url, ...(shared ? { BENCH_REDIS_URL: redisUrl! } : {}) };
      cleanup = database.drop;
    }
    const servers = [];
    for (let i = 0; i < cell.serverProcs; i++) servers.push(await this.#startServer(kind, cell, env)); // one after the other: the first seeds
    return { servers, cleanup };
  }

  async #measure(kind: Kind, cell: Cell, children: ChildProcess[], ports: number[], generators: ChildProcess[]): Promise<Measured> {
    const { viewers } = cell;
    for (let start = 0; start < viewers; start += perGenerator) {
      const n = Math.min(perGenerator, viewers - start);
      const plan = {
        kind, ports, viewers: n,
        senders: Math.max(1, Math.round((cell.senders * n) / viewers)),
        chatRate: (cell.chatRate * n) / viewers, likeRate: (cell.likeRate * n) / viewers,
        durationMs: cell.durationMs, sampleEvery: Math.max(1, Math.ceil(viewers / 40)), addresses: 4,
      };
      const g = fork(here('./load.ts'), [JSON.stringify(plan)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      this.#pinTo(g, 1);
      generators.push(g);
    }
    // A generator that dies (a reset it did not expect under load) fails the cell at once, not at the deadline.
    let reported = false;
    const died = new Promise<never>((_, reject) => {
      for (const g of generators) g.once('exit', (code, signal) => !reported && reject(new Error(`a load generator exited (${signal ?? `code ${code}`})`)));
    });
    died.catch(() => {});
    const step = <T>(work: Promise<T>) => Promise.race([work, died]);
    const halves = await step(Promise.all(generators.map((g) => ask<{ half: number }>(g, {}, 'half'))));
    await sleep(2000); // idle: joins counted, buffers settled
    const mid = await settledReadings(children);
    const connected = Promise.all(generators.map((g) => ask(g, {}, 'connected')));
    for (const g of generators) g.send({ more: true });
    await step(connected);
    await sleep(2000);
    const idle = await settledReadings(children);
    await sleep(1000); // the forced collections' helper threads are done
    await profileStep(children, 'start');
    const atGo = await statsOf(children);
    const loadAtGo = loadavg()[0]!;
    const reports = Promise.all(generators.map((g) => ask<Report>(g, {}, 'delivered')));
    for (const g of generators) g.send({ go: true });
    const r = await step(reports);
    reported = true;
    const after = await statsOf(children);
    await profileStep(children, 'stop');
    const latencies = r.flatMap((x) => x.latencies).sort((a, b) => a - b);
    const delivered = r.reduce((s, x) => s + x.delivered, 0);
    const cpu = cpuSeconds(atGo.cpu, after.cpu);
    return {
      kind,
      delivered,
      frames: r.reduce((s, x) => s + x.received, 0),
      sent: r.reduce((s, x) => s + x.chats, 0),
      refused: r.reduce((s, x) => s + x.refused, 0),
      cpu,
      systemCpu: (after.cpu.system - atGo.cpu.system) / 1e6,
      loadCpu: r.reduce((s, x) => s + cpuSeconds({ user: 0, system: 0 }, x.cpu), 0),
      perCpuSecond: delivered / cpu,
      p50: pct(latencies, 50),
      p99: pct(latencies, 99),
      memory: memoryPerViewer(mid, idle, viewers - halves.reduce((s, h) => s + h.half, 0)),
      loadAvg: [loadAtGo, loadavg()[0]!],
    };
  }
}

const sum = (xs: Stats[]): Stats => ({
  cpu: xs.reduce((a, x) => ({ user: a.user + x.cpu.user, system: a.system + x.cpu.system }), { user: 0, system: 0 }),
  rss: xs.reduce((a, x) => a + x.rss, 0),
  heap: xs.reduce((a, x) => a + x.heap, 0),
});
/** CPU and memory of the server processes; `gc` collects first (for memory; the CPU is read before it). */
const statsOf = async (children: ChildProcess[], gc = false) => sum(await Promise.all(children.map((c) => ask<Stats>(c, { stats: true, gc }, 'cpu'))));

/** Starts or stops the servers' CPU profiles of the load window (BENCH_CPU_PROF=DIR; server.ts). */
async function profileStep(children: ChildProcess[], step: 'start' | 'stop'): Promise<void> {
  if (process.env.BENCH_CPU_PROF) await Promise.all(children.map((c) => ask(c, { profile: step }, 'profiled')));
}

/** Readings of an unchanging server: its memory, and how much back-to-back readings disagree. */
interface Readings { rss: number; heap: number; rssSpread: number; heapSpread: number }

/** RSS moves by this much on its own (pages handed back, allocator arenas): a smaller change is noise. */
const RSS_FLOOR = 1024 * 1024;

/** Readings that must agree, 500 ms apart: a fresh server hands ~28 MB back to the system about 3 s after its first full GC. */
const AGREEING = 6;

/**
 * Memory readings of an unchanging server, each after two full GCs in the server (server.ts),
 * every 500 ms until the last six (3 s) agree within RSS_FLOOR, for at most 20 s. A freshly
 * started server (hutong and Socket.IO alike) hands about 28 MB back to the system some seconds
 * after its first full GC, which made a before/after pair come out negative (−4.4 KB per viewer
 * at 500, −300 KB at 100). The median of the agreeing readings is the figure, their spread the
 * noise it is compared with.
 */
async function settledReadings(children: ChildProcess[]): Promise<Readings> {
  const xs: Stats[] = [];
  const last = () => xs.slice(-AGREEING);
  const spread = (f: (s: Stats) => number) => Math.max(...last().map(f)) - Math.min(...last().map(f));
  for (let i = 0; i < 40; i++) {
    if (i > 0) await sleep(500);
    xs.push(await statsOf(children, true));
    if (xs.length >= AGREEING && spread((s) => s.rss) < RSS_FLOOR) break;
  }
  const median = (f: (s: Stats) => number) => last().map(f).sort((a, b) => a - b)[Math.floor(last().length / 2)]!;
  return { rss: median((s) => s.rss), heap: median((s) => s.heap), rssSpread: spread((s) => s.rss), heapSpread: spread((s) => s.heap) };
}

function memoryPerViewer(before: Readings, idle: Readings, viewers: number): MemoryFigure {
  const kb = (bytes: number) => bytes / viewers / 1024;
  return {
    rss: kb(idle.rss - before.rss),
    heap: kb(idle.heap - before.heap),
    rssNoise: kb(Math.max(RSS_FLOOR, before.rssSpread + idle.rssSpread)),
    heapNoise: kb(before.heapSpread + idle.heapSpread),
  };
}

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

/** Settles (rejected) when a server dies mid-run or the run overruns. */
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
