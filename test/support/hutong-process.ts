import { spawn, type ChildProcess } from 'node:child_process';

/** The `hutong` command in a process of its own, as a newcomer or an operator runs it. */
const bin = new URL('../../bin/hutong.js', import.meta.url).pathname;

export interface HutongProcess {
  child: ChildProcess;
  /** stdout and stderr so far. */
  output: () => string;
  exited: Promise<number | null>;
}

export function runHutong(args: string[], env: Record<string, string>, stdin = ''): HutongProcess {
  const child = spawn(process.execPath, [bin, ...args], {
    env: { ...process.env, HUTONG_LOG_LEVEL: 'warn', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  child.stdin!.end(stdin);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

/** Polls `probe` every 100 ms until it gives something truthy, which it returns. */
export async function until<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, what: string, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
