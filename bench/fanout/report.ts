/** The fan-out bench's tables: one run in detail, or the matrix in one table. */
import { cpus, loadavg, totalmem } from 'node:os';
import type { Cell, Measured, MemoryFigure, Result } from './measure';

const ok = (x: Result | undefined): Measured | undefined => (x && !('failed' in x) ? x : undefined);

export function printMachine(pin: boolean): void {
  const c = cpus();
  console.log(`\nfan-out benchmark — ${new Date().toISOString()}`);
  console.log(`machine: ${c.length} × ${c[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, load avg ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  console.log(`${pin ? 'pinned: servers on CPU 0, load generators on CPU 1' : 'not pinned: servers and load generators share every CPU'}`);
}

export const MEMORY_NOTE =
  'KB / idle viewer: what the second half of the viewers added to RSS (read once half had joined and once all had, each the median of six readings over 3 s that agree within 1 MiB, after two full GCs each) per viewer; ± is the readings\' spread, at least 1 MiB in all (what RSS moves on its own), a figure within it says "< noise", and "none" means RSS fell while viewers joined (the process handed memory back): then only the heap figure (V8 heap and Buffers) is a measurement';

/** KB per idle viewer; a figure within the readings' own noise says so instead of passing for a measurement. */
export function memoryText(m: MemoryFigure, which: 'rss' | 'heap' = 'rss'): string {
  const value = m[which];
  const noise = which === 'rss' ? m.rssNoise : m.heapNoise;
  if (noise > 0 && Math.abs(value) <= noise) return `< noise (±${noise.toFixed(1)})`;
  // Joining viewers cannot free memory: the process handed pages back to the system meanwhile
  // (a fresh Node process does, some 28 MB, at a moment of its own), so there is no figure.
  if (value < 0) return `none: RSS fell (heap ${m.heap.toFixed(1)})`;
  return `${value.toFixed(1)} (±${noise.toFixed(1)})`;
}

export function printOne(cell: Cell, results: Result[]): void {
  console.log(`load: ${cell.viewers} viewers in one room, chat ${cell.chatRate}/s, likes ${cell.likeRate}/s, ${cell.durationMs / 1000} s; hutong chat cap ${cell.sample}/s per viewer; ${cell.serverProcs} server process(es) each\n`);
  console.log('server    | chat sent | delivered   | frames     | server CPU s     | delivered / CPU s | p50 ms | p99 ms | KB / idle viewer: RSS | heap         | load CPU s');
  for (const x of results) {
    if ('failed' in x) {
      console.log(`${x.kind.padEnd(9)} | failed: ${x.failed}`);
      continue;
    }
    console.log(
      `${x.kind.padEnd(9)} | ${String(x.sent).padStart(9)} | ${String(x.delivered).padStart(11)} | ${String(x.frames).padStart(10)} | ${`${x.cpu.toFixed(1)} (${Math.round((100 * x.systemCpu) / x.cpu)}% sys)`.padStart(16)} | ${Math.round(x.perCpuSecond).toString().padStart(17)} | ${String(x.p50).padStart(6)} | ${String(x.p99).padStart(6)} | ${memoryText(x.memory).padStart(21)} | ${memoryText(x.memory, 'heap').padStart(12)} | ${x.loadCpu.toFixed(2).padStart(10)}`,
    );
    if (x.refused) console.log(`  (${x.refused} chat messages refused by hutong's rules)`);
  }
  const h = ok(results.find((x) => x.kind === 'hutong'));
  const s = ok(results.find((x) => x.kind === 'socketio'));
  if (h && s) console.log(`\nratio hutong / Socket.IO: ${(h.perCpuSecond / s.perCpuSecond).toFixed(1)}× delivered chat per server CPU-second`);
  console.log(MEMORY_NOTE);
}

const cellText = (x: Result | undefined, f: (m: Measured) => string) => (!x ? '' : 'failed' in x ? 'failed' : f(x));
const k = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)} M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} k` : n.toFixed(0));
const share = (viewers: number) => (m: Measured) => (m.sent ? `${Math.round((100 * m.delivered) / (m.sent * viewers))} %` : '');

/** The matrix's table head; then one row per cell as it is measured (a crash later keeps what was printed). */
export function printMatrixHead(): void {
  console.log('\n| viewers | chat/s | delivered / server CPU-s: hutong | Socket.IO | ratio | p50 / p99 ms: hutong | Socket.IO | delivered (share of sent × viewers): hutong | Socket.IO | KB / idle viewer (RSS): hutong | Socket.IO | load avg 1 min |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
}

/** One cell: both servers side by side, and what failed or was refused. */
export function printMatrixRow({ cell, results }: { cell: Cell; results: Result[] }): void {
  const h = results.find((x) => x.kind === 'hutong');
  const s = results.find((x) => x.kind === 'socketio');
  const ho = ok(h);
  const so = ok(s);
  const ratio = ho && so ? `**${(ho.perCpuSecond / so.perCpuSecond).toFixed(1)}×**` : '';
  const loads = results.filter(ok).flatMap((x) => (x as Measured).loadAvg);
  console.log(
    `| ${cell.viewers.toLocaleString('en')} | ${cell.chatRate} | ${cellText(h, (m) => k(m.perCpuSecond))} | ${cellText(s, (m) => k(m.perCpuSecond))} | ${ratio} | ` +
      `${cellText(h, (m) => `${m.p50} / ${m.p99}`)} | ${cellText(s, (m) => `${m.p50} / ${m.p99}`)} | ` +
      `${cellText(h, share(cell.viewers))} | ${cellText(s, share(cell.viewers))} | ${cellText(h, (m) => memoryText(m.memory))} | ${cellText(s, (m) => memoryText(m.memory))} | ` +
      `${loads.length ? `${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}` : ''} |`,
  );
  for (const x of results) {
    if ('failed' in x) console.log(`  (${cell.viewers} × ${cell.chatRate}/s, ${x.kind}: failed: ${x.failed})`);
    else if (x.refused) console.log(`  (${cell.viewers} × ${cell.chatRate}/s, ${x.kind}: ${x.refused} chat messages refused by hutong's rules)`);
  }
}
