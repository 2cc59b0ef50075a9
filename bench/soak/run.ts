/**
 * `npm run bench:soak` — bounded memory per show (issue 9): one hutong node, the demo room, shows
 * one after another while viewers keep joining and leaving (each a new viewer: a new entry in the
 * show's unique-viewer sketch and view window), chatting and liking. Prints RSS and V8 heap after
 * full GCs at the start and after each show, and how many counters scopes the node holds: the heap
 * must not grow with the number of shows.
 *   --shows 6  --show-seconds 20  --gap-seconds 3  --viewers 200 (at once)  --churn 20 (joins/s)
 * The full soak is 30 minutes: e.g. `-- --shows 12 --show-seconds 150`.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';

const args = process.argv.slice(2);
const flag = (name: string, def: number) => (args.includes(`--${name}`) ? Number(args[args.indexOf(`--${name}`) + 1]) : def);
const shows = flag('shows', 6);
const showSeconds = flag('show-seconds', 20);
const gapSeconds = flag('gap-seconds', 3);
const viewers = flag('viewers', 200);
const churn = flag('churn', 20);

const server: ChildProcess = fork(fileURLToPath(new URL('./server.ts', import.meta.url)), [], {
  execArgv: ['--expose-gc', '--import', 'tsx'],
  stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
});
const port = await new Promise<number>((resolve) => {
  let out = '';
  server.stdout!.on('data', (d) => {
    out += d;
    const m = /READY (\d+)/.exec(out);
    if (m) resolve(Number(m[1]));
  });
});
const ask = <T>(message: object): Promise<T> =>
  new Promise((resolve) => {
    server.once('message', (m) => resolve(m as T));
    server.send(message);
  });

interface Memory { rss: number; heap: number; external: number; scopes: number }
const mib = (n: number) => (n / 2 ** 20).toFixed(1);
const row = (label: string, m: Memory, extra = '') =>
  console.log(`${label.padEnd(16)} RSS ${mib(m.rss).padStart(7)} MiB   heap ${mib(m.heap).padStart(6)} MiB   external ${mib(m.external).padStart(5)} MiB   counters scopes ${m.scopes}${extra}`);

const open = new Set<WebSocket>();
let joined = 0;
let n = 0;
/** Viewers come and go: `churn` new ones a second, the oldest leaving above `viewers`. */
const churner = setInterval(() => {
  for (let i = 0; i < churn / 10; i++) {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api/v1/rooms/demo/socket`);
    ws.on('error', () => {});
    ws.on('open', () => {
      joined++;
      ws.send(JSON.stringify({ t: 'like', n: 3 }));
      if (joined % 4 === 0) ws.send(JSON.stringify({ t: 'chat', ref: 'r', text: `soak ${n++}` }));
    });
    ws.on('message', () => {});
    open.add(ws);
    ws.on('close', () => open.delete(ws));
  }
  const over = [...open].slice(0, Math.max(0, open.size - viewers));
  for (const ws of over) {
    open.delete(ws);
    ws.terminate();
  }
}, 100);

const c = cpus();
console.log(`soak benchmark — ${new Date().toISOString()}`);
console.log(`machine: ${c.length} × ${c[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, load avg ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
console.log(`${shows} shows of ${showSeconds} s (${gapSeconds} s apart), ${viewers} viewers at once, ${churn} joining a second (each a new viewer)\n`);
const sleep = (s: number) => new Promise((r) => setTimeout(r, s * 1000));
await sleep(gapSeconds);
const start = await ask<Memory>({ memory: true });
row('start', start);
const afterShow: Memory[] = [];
for (let s = 1; s <= shows; s++) {
  const joinedBefore = joined;
  const { live } = await ask<{ live: string }>({ live: true });
  await sleep(showSeconds);
  await ask({ end: live });
  await sleep(gapSeconds);
  const m = await ask<Memory>({ memory: true });
  afterShow.push(m);
  row(`after show ${s}`, m, `   (${joined - joinedBefore} joins)`);
}
clearInterval(churner);
for (const ws of open) ws.terminate();
const second = afterShow[1] ?? afterShow[0]!;
const last = afterShow.at(-1)!;
console.log(`\nheap from the end of show ${afterShow.length > 1 ? 2 : 1} to the end of show ${shows}: ${(last.heap - second.heap >= 0 ? '+' : '')}${mib(last.heap - second.heap)} MiB; RSS ${(last.rss - second.rss >= 0 ? '+' : '')}${mib(last.rss - second.rss)} MiB; load avg ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
server.kill('SIGTERM');
