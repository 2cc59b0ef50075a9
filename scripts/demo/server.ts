/**
 * hutong for the demo: `hutong serve` in a child process of its own, exactly as `npm start` runs
 * it (the embedded defaults: PGlite, the in-process bus, the built-in ingest, the seeded demo shop),
 * so the demo's audience and host reach it over the network like anyone else.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const hutongBin = fileURLToPath(new URL('../../bin/hutong.js', import.meta.url));

export interface DemoServer {
  child: ChildProcess;
  /** Resolves when hutong is up and has printed its banner; rejects if it exits first. */
  ready: Promise<void>;
  exited: Promise<number | null>;
}

/**
 * Starts hutong. Its banner is not repeated (the demo prints its own, with the logins); everything
 * else it says — the first start's steps, warnings and errors — goes to `log`.
 */
export function startHutong(env: NodeJS.ProcessEnv, log: (line: string) => void): DemoServer {
  const child = spawn(process.execPath, [hutongBin, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let inBanner = false;
  const ready = new Promise<void>((resolve, reject) => {
    const onLine = (line: string) => {
      if (/is up in \d+ ms/.test(line)) {
        inBanner = true;
        resolve();
        return;
      }
      // The banner's lines are indented, or name the demo shop; a log line is neither.
      if (inBanner && (line === '' || line.startsWith('  ') || line.startsWith('Demo shop'))) return;
      inBanner = false;
      if (line.trim()) log(line);
    };
    createInterface({ input: child.stdout! }).on('line', onLine);
    createInterface({ input: child.stderr! }).on('line', onLine);
    void exited.then((code) => reject(new Error(`hutong exited (code ${code}) before it was up`)));
  });
  return { child, ready, exited };
}
