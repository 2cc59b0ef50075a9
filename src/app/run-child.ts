import { spawn } from 'node:child_process';

/** Runs `node ARGS` with this process's environment; rejects unless it exits with 0. */
export function runChild(args: string[], stdout: 'inherit' | 'ignore' = 'ignore'): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', stdout, 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`${args.join(' ')} exited with ${signal ?? code}`))));
  });
}
