/**
 * `npm run bench:flash` — a flash sale through the HTTP API (DESIGN.md §6, issue 11): 100,000
 * purchase attempts from 10,000 buyers over 200 connections against 1,000 units, with the stock
 * gate, and in the same run on the same kind of database the row-locking baseline (row-lock.ts:
 * `SELECT … FOR UPDATE`, `UPDATE`, `INSERT`, `COMMIT` for every attempt, no gate). Prints attempts/s,
 * orders/s, p50/p99, units sold and the server's CPU for each, and the ratio.
 *   --db pglite|postgres   (postgres: a bench database on HUTONG_TEST_DATABASE_URL or --database-url)
 *   --gate memory|redis    (redis: HUTONG_TEST_REDIS_URL or --redis; the baseline has no gate)
 *   --attempts 100000 --buyers 10000 --concurrency 200 --units 1000 --limit 1
 *   --only gate|row-lock   --pin (server on CPU 0, the load on CPU 1)
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { runLoad, type LoadResult } from './load';

const args = process.argv.slice(2);
const text = (name: string, def?: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : def);
const num = (name: string, def: number) => Number(text(name, String(def)));
const dbKind = text('db', 'pglite') as 'pglite' | 'postgres';
const gateKind = text('gate', 'memory') as 'memory' | 'redis';
const adminUrl = text('database-url', process.env.HUTONG_TEST_DATABASE_URL);
const redisUrl = text('redis', process.env.HUTONG_TEST_REDIS_URL);
const size = { attempts: num('attempts', 100_000), buyers: num('buyers', 10_000), concurrency: num('concurrency', 200), units: num('units', 1_000), limit: num('limit', 1) };
const pin = args.includes('--pin');
type Strategy = 'gate' | 'row-lock';
const strategies: Strategy[] = text('only') ? [text('only') as Strategy] : ['gate', 'row-lock'];

function ask<T>(child: ChildProcess, message: object): Promise<T> {
  return new Promise((resolve, reject) => {
    child.once('message', (m: T & { error?: string }) => (m.error ? reject(new Error(m.error)) : resolve(m)));
    child.send(message);
  });
}

async function adminQuery(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

interface Row extends LoadResult {
  strategy: Strategy;
  cpuS: number;
  verified: { units: number; sold: number; orders: number; orderedUnits: number; buyers: number; overLimit: number };
  load: number[];
}

async function runOne(strategy: Strategy): Promise<Row> {
  const env: Record<string, string> = { ...(process.env as Record<string, string>) };
  let dropDb: (() => Promise<void>) | undefined;
  if (dbKind === 'postgres') {
    if (!adminUrl) throw new Error('--db postgres needs HUTONG_TEST_DATABASE_URL or --database-url');
    const name = `hutong_bench_${randomBytes(5).toString('hex')}`;
    await adminQuery(`CREATE DATABASE ${name}`);
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    env.BENCH_DATABASE_URL = u.toString();
    dropDb = () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
  if (gateKind === 'redis') {
    if (!redisUrl) throw new Error('--gate redis needs HUTONG_TEST_REDIS_URL or --redis');
    env.BENCH_REDIS_URL = redisUrl;
  }
  const server = fork(new URL('./server.ts', import.meta.url).pathname, [strategy], {
    env, execArgv: ['--import', 'tsx'],
  });
  try {
    const { ready: url } = await new Promise<{ ready: string }>((resolve) => server.once('message', resolve as (m: unknown) => void));
    if (pin) {
      execFileSync('taskset', ['-a', '-pc', '0', String(server.pid)], { stdio: 'ignore' });
      execFileSync('taskset', ['-a', '-pc', '1', String(process.pid)], { stdio: 'ignore' });
    }
    const sale = await ask<{ url: string; saleId: string; cookies: string[] }>(server, { setup: { buyers: size.buyers, units: size.units, perBuyerLimit: size.limit } });
    const before = await ask<{ cpu: NodeJS.CpuUsage }>(server, { stats: true });
    const load = await runLoad({ url, saleId: sale.saleId, cookies: sale.cookies, attempts: size.attempts, concurrency: size.concurrency });
    const after = await ask<{ cpu: NodeJS.CpuUsage }>(server, { stats: true });
    const verified = await ask<Row['verified']>(server, { verify: sale.saleId });
    await ask(server, { stop: true });
    await new Promise((resolve) => (server.exitCode !== null ? resolve(null) : server.once('exit', resolve)));
    const cpuS = (after.cpu.user - before.cpu.user + after.cpu.system - before.cpu.system) / 1e6;
    return { strategy, ...load, cpuS, verified, load: loadavg() };
  } finally {
    server.kill('SIGKILL');
    await dropDb?.();
  }
}

const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;
const f = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

console.log(`flash sale bench — ${dbKind}, gate ${gateKind}; ${f(size.attempts)} attempts, ${f(size.buyers)} buyers, ${size.concurrency} connections, ${f(size.units)} units, limit ${size.limit}`);
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, node ${process.version}${pin ? ', server pinned to CPU 0' : ''}; load before: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
const rows: Row[] = [];
for (const s of strategies) {
  console.error(`running ${s}…`);
  rows.push(await runOne(s));
}
console.log('\n| strategy | attempts/s | orders/s | p50 ms | p99 ms | units sold | orders | server CPU s | CPU ms/attempt | answers | load (1 min) |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  const lat = r.latenciesMs.sort((a, b) => a - b);
  const orders = r.statuses['201'] ?? 0;
  console.log(
    `| ${r.strategy === 'gate' ? `gate (${gateKind})` : 'row lock'} | ${f(r.attempts / (r.elapsedMs / 1000))} | ${f(orders / (r.lastOrderAtMs / 1000))} | ${f(pct(lat, 50), 1)} | ${f(pct(lat, 99), 1)} | ` +
      `${r.verified.sold} | ${r.verified.orders} | ${f(r.cpuS, 1)} | ${f((r.cpuS * 1000) / r.attempts, 3)} | ${Object.entries(r.statuses).map(([k, v]) => `${k}: ${v}`).join(', ')}${r.errors ? `, socket errors: ${r.errors}` : ''} | ${r.load[0]!.toFixed(2)} |`,
  );
}
for (const r of rows) {
  const ok = r.verified.sold === size.units && r.verified.orderedUnits === size.units && r.verified.overLimit === 0 && r.statuses['201'] === size.units;
  console.log(`${r.strategy}: ${ok ? 'exactly' : 'NOT exactly'} ${size.units} units sold (sold ${r.verified.sold}, ${r.verified.orders} orders, ${r.verified.orderedUnits} units ordered, ${r.verified.buyers} buyers, ${r.verified.overLimit} over the limit, ${r.statuses['201'] ?? 0} answered 201)`);
}
const [g, b] = [rows.find((r) => r.strategy === 'gate'), rows.find((r) => r.strategy === 'row-lock')];
if (g && b) {
  const rate = (r: Row) => r.attempts / (r.elapsedMs / 1000);
  console.log(`\nratio gate / row lock: ${f(rate(g) / rate(b), 1)}× attempts/s`);
}
console.log(`load after: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
