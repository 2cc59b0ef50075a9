/**
 * Summarises a server's CPU profile of the load window (`npm run bench:fanout -- --profile DIR`):
 * `npx tsx bench/fanout/profile.ts DIR/hutong-<pid>.cpuprofile [--top 40] [--match text]`.
 * Prints where the busy time went as proportions (the shared machine makes absolute figures
 * unreliable, the proportions less so): self time by area (hutong's contexts, each library, Node's
 * internals, GC), the top functions by self time, and the top hutong functions by inclusive time
 * (what a function and everything it calls cost). Idle samples are left out of every share.
 */
import { readFileSync } from 'node:fs';

interface CallFrame { functionName: string; url: string; lineNumber: number; columnNumber: number }
interface ProfileNode { id: number; callFrame: CallFrame; children?: number[] }
interface CpuProfile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a));
if (!file) throw new Error('usage: profile.ts FILE.cpuprofile [--top N] [--match TEXT]');
const opt = (name: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : undefined);
const top = Number(opt('top') ?? 30);
const match = opt('match');

const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

/** Microseconds of self time per node (the time up to the next sample is the sample's). */
const self = new Map<number, number>();
for (let i = 0; i < profile.samples.length; i++) {
  const dt = profile.timeDeltas[i + 1] ?? 0;
  self.set(profile.samples[i]!, (self.get(profile.samples[i]!) ?? 0) + dt);
}

const short = (url: string) => url.replace(/^file:\/\//, '').replace(/^.*?\/(src|bench|node_modules)\//, '$1/');
/** Where a frame's code lives: a hutong file's context, a library, Node, or V8's own. */
function area(f: CallFrame): string {
  if (!f.url) return f.functionName.startsWith('(') ? f.functionName : '(native)';
  const u = short(f.url);
  if (u.startsWith('node:')) return 'node:' + u.slice(5).split('/')[0];
  const lib = /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(u);
  if (lib) return lib[1]!;
  const ctx = /^src\/([^/]+)/.exec(u);
  return ctx ? `src/${ctx[1]}` : u.split('/').slice(0, 2).join('/');
}
const label = (f: CallFrame) => `${f.functionName || '(anonymous)'} ${short(f.url)}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
const ours = (f: CallFrame) => f.url.includes('/src/') || f.url.includes('/bench/');

const total = [...self.values()].reduce((a, b) => a + b, 0);
const idle = [...self].filter(([id]) => byId.get(id)!.callFrame.functionName === '(idle)').reduce((a, [, t]) => a + t, 0);
const busy = total - idle;
const pct = (t: number) => `${((100 * t) / busy).toFixed(1).padStart(5)} %`;
const ms = (t: number) => `${(t / 1000).toFixed(0).padStart(6)} ms`;

function printTop(title: string, m: Map<string, number>, n: number): void {
  console.log(`\n${title}`);
  for (const [k, t] of [...m].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`${pct(t)} ${ms(t)}  ${k}`);
}

const add = (m: Map<string, number>, k: string, t: number) => m.set(k, (m.get(k) ?? 0) + t);
const areas = new Map<string, number>();
const functions = new Map<string, number>();
const inclusive = new Map<string, number>();
const byCaller = new Map<string, number>();
for (const [id, t] of self) {
  const f = byId.get(id)!.callFrame;
  if (f.functionName === '(idle)') continue;
  add(areas, area(f), t);
  add(functions, label(f), t);
  let caller: number | undefined = id;
  while (caller !== undefined && !ours(byId.get(caller)!.callFrame)) caller = parent.get(caller);
  add(byCaller, caller === undefined ? `(no hutong frame) ${area(f)}` : label(byId.get(caller)!.callFrame), t);
  // Each function on the stack once, however deep its recursion.
  const seen = new Set<string>();
  for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
    const g = byId.get(n)!.callFrame;
    const key = label(g);
    if (seen.has(key)) continue;
    seen.add(key);
    if (ours(g) || (match && key.includes(match))) add(inclusive, key, t);
  }
}

console.log(`${file}: ${(total / 1e6).toFixed(1)} s profiled, busy ${(busy / 1e6).toFixed(2)} s (${((100 * busy) / total).toFixed(0)} % of the main thread); shares below are of the busy time`);
printTop('self time by area', areas, top);
printTop('self time by function', functions, top);
printTop('self time charged to the innermost hutong function on the stack (what it costs with the library and Node code it calls)', byCaller, top);
printTop(`inclusive time, hutong's functions${match ? ` and those matching "${match}"` : ''}`, inclusive, top);
