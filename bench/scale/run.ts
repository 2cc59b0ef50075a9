/**
 * `npm run bench:scale` — one room over K hutong nodes (issue 16, docs/scale.md): K real node
 * processes on this machine sharing PostgreSQL and a Redis of the bench's own (bus and counters),
 * each holding V virtual viewers (sinks that count the frames and bytes they would write), and a
 * load of real chatters, likers and joiners (WebSockets from this process) sized to the room, at a
 * room chat rate that stays the same whatever K. Prints per node: bus messages and bytes in/out a
 * second (of the messages in: node states and chat relays), Redis commands a second (with the three most frequent), database writes (statements and
 * rows) a second, CPU, heap, frames the sinks took; and
 * per room: chat accepted, shown and stored a second (the show's totals, every node's).
 *   --nodes 2,4,8  --viewers 5000 (per node)  --chat-rate 100 (the room's, a second)
 *   --likes-rate 200  --joins-rate 10 (per node, a second; each leaves after 2 s)  --duration 15
 *   --database-url ADMIN_URL (default HUTONG_TEST_DATABASE_URL; a bench database is made and dropped)
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import WebSocket from 'ws';

const args = process.argv.slice(2);
const text = (name: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : undefined);
const flag = (name: string, def: number) => Number(text(name) ?? def);
const ks = (text('nodes') ?? '2,4,8').split(',').map(Number);
const viewers = flag('viewers', 5000);
const chatRate = flag('chat-rate', 100);
const likesRate = flag('likes-rate', 200);
const joinsRate = flag('joins-rate', 10);
const duration = flag('duration', 15);
const adminUrl = text('database-url') ?? process.env.HUTONG_TEST_DATABASE_URL;
if (!adminUrl) throw new Error('give --database-url or HUTONG_TEST_DATABASE_URL (a PostgreSQL server the bench may create a database on)');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
async function admin(sql: string) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  await c.query(sql).finally(() => c.end());
}

interface Stats {
  busIn: number; busInBytes: number; busInState: number; busInChat: number; busOut: number; busOutBytes: number; dbStatements: number; dbRows: number;
  sinkFrames: number; sinkBytes: number; cpuMicros: number; heap: number; rss: number; at: number;
  redisCalls: number; redisCommands: Record<string, number>;
  totals: { accepted: number; shown: number; stored: number };
}

function startNode(i: number, env: Record<string, string>): Promise<{ child: ChildProcess; port: number; stats: () => Promise<Stats> }> {
  const child = fork(fileURLToPath(new URL('./node.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env, SCALE_NODE: String(i), SCALE_SEED: i === 0 ? '1' : '0' },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('exit', (code) => reject(new Error(`node ${i} exited (${code})`)));
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /READY (\d+)/.exec(out);
      if (m) {
        const stats = () => new Promise<Stats>((r) => (child.once('message', (s) => r(s as Stats)), child.send({ stats: true })));
        resolve({ child, port: Number(m[1]), stats });
      }
    });
  });
}

/** The three Redis commands a node sent most between two readings, a second each. */
function topCommands(before: Stats, after: Stats, seconds: number): string {
  return Object.entries(after.redisCommands)
    .map(([name, n]) => [name, (n - (before.redisCommands[name] ?? 0)) / seconds] as const)
    .sort((x, y) => y[1] - x[1])
    .slice(0, 3)
    .map(([name, rate]) => `${name} ${rate.toFixed(1)}`)
    .join(', ');
}

const socket = (port: number) =>
  new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api/v1/rooms/demo/socket`);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.on('message', () => {});
  });

async function run(k: number) {
  const redisPort = await freePort();
  const redis = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  await sleep(300);
  const dbName = `hutong_scale_${randomBytes(4).toString('hex')}`;
  await admin(`CREATE DATABASE ${dbName}`);
  const dbUrl = new URL(adminUrl!);
  dbUrl.pathname = `/${dbName}`;
  const env = { SCALE_DATABASE_URL: dbUrl.toString(), SCALE_REDIS_URL: `redis://127.0.0.1:${redisPort}`, SCALE_VIEWERS: String(viewers) };
  const nodes = [await startNode(0, env)];
  nodes.push(...(await Promise.all(Array.from({ length: k - 1 }, (_, i) => startNode(i + 1, env)))));
  // Chatters: each says one message every 2.5 s (under the per-viewer limit), spread over the nodes.
  const chatters = await Promise.all(Array.from({ length: Math.ceil(chatRate * 2.5) }, (_, i) => socket(nodes[i % k]!.port)));
  const timers: NodeJS.Timeout[] = [];
  let said = 0;
  chatters.forEach((ws, i) =>
    timers.push(setTimeout(() => timers.push(setInterval(() => ws.send(JSON.stringify({ t: 'chat', ref: 'r', text: `m${said++}` })), 2500)), (2500 * i) / chatters.length)),
  );
  timers.push(setInterval(() => chatters[Math.floor(Math.random() * chatters.length)]!.send(JSON.stringify({ t: 'like', n: Math.max(1, likesRate / 10 / 4) })), 25));
  for (const n of nodes)
    timers.push(setInterval(() => void socket(n.port).then((ws) => setTimeout(() => ws.close(), 2000), () => {}), 1000 / joinsRate));
  await sleep(4000); // warm-up: shares known, joins settled
  const before = await Promise.all(nodes.map((n) => n.stats()));
  const load0 = loadavg()[0]!;
  await sleep(duration * 1000);
  const after = await Promise.all(nodes.map((n) => n.stats()));
  for (const t of timers) clearInterval(t);
  for (const ws of chatters) ws.terminate();

  console.log(`\nK = ${k} nodes × ${viewers} virtual viewers (${k * viewers} in the room), load avg ${load0.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}`);
  console.log('node  bus in msg/s (state, chat)  KB/s   bus out msg/s  KB/s   Redis cmd/s  DB writes/s  rows/s   CPU %  heap MiB  sink frames/s  MB/s   most frequent Redis commands /s');
  after.forEach((a, i) => {
    const b = before[i]!;
    const s = (a.at - b.at) / 1000;
    const per = (x: keyof Stats) => ((a[x] as number) - (b[x] as number)) / s;
    console.log(
      `${String(i).padStart(4)}  ${per('busIn').toFixed(0).padStart(12)} (${per('busInState').toFixed(1)}, ${per('busInChat').toFixed(1)})`.padEnd(33) + `  ${(per('busInBytes') / 1024).toFixed(1).padStart(5)}  ${per('busOut').toFixed(0).padStart(13)}  ${(per('busOutBytes') / 1024).toFixed(1).padStart(5)}  ${per('redisCalls').toFixed(0).padStart(11)}  ${per('dbStatements').toFixed(1).padStart(11)}  ${per('dbRows').toFixed(1).padStart(6)}  ${((per('cpuMicros') / 1e6) * 100).toFixed(0).padStart(5)}  ${(a.heap / 2 ** 20).toFixed(0).padStart(8)}  ${per('sinkFrames').toFixed(0).padStart(13)}  ${(per('sinkBytes') / 1e6).toFixed(2).padStart(5)}   ${topCommands(b, a, s)}`,
    );
  });
  const s = (after[0]!.at - before[0]!.at) / 1000;
  const room = (x: 'accepted' | 'shown' | 'stored') => ((after[0]!.totals[x] - before[0]!.totals[x]) / s).toFixed(1);
  console.log(`room: chat accepted ${room('accepted')}/s, shown ${room('shown')}/s, stored ${room('stored')}/s (offered ${chatRate}/s)`);

  await Promise.all(nodes.map((n) => new Promise((r) => (n.child.removeAllListeners('exit'), n.child.once('exit', r), n.child.kill('SIGKILL')))));
  redis.kill('SIGKILL');
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
}

const c = cpus();
console.log(`scale benchmark — ${new Date().toISOString()}`);
console.log(`machine: ${c.length} × ${c[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, load avg ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
console.log(`room chat ${chatRate}/s, likes ~${likesRate}/s, ${joinsRate} joins/s per node, ${duration} s measured per K after 4 s of warm-up`);
for (const k of ks) await run(k);
