import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../support/net';

/**
 * A redis-server or nats-server of the chaos suite's own, on a free port (never the shared one):
 * the suite freezes it (SIGSTOP), thaws it, kills it (SIGKILL) and starts it again on the same port.
 * Redis runs with an append-only file fsynced on every write, as docs/config.md asks of a
 * production Redis that holds the room counters: a kill then loses nothing it acknowledged.
 */
export class OwnServer {
  #child: ChildProcess | undefined;
  readonly #dir = mkdtempSync(join(tmpdir(), 'hutong-chaos-'));

  private constructor(
    readonly kind: 'redis' | 'nats',
    readonly port: number,
  ) {}

  static async start(kind: 'redis' | 'nats'): Promise<OwnServer> {
    const server = new OwnServer(kind, await freePort());
    await server.restart();
    return server;
  }

  get url(): string {
    return `${this.kind}://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.#child?.pid;
  }

  /** Starts (again) on the same port; resolves once it accepts connections. */
  async restart(): Promise<void> {
    const port = String(this.port);
    const [command, args, ready] =
      this.kind === 'redis'
        ? ['redis-server', ['--port', port, '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--dir', this.#dir], 'Ready to accept connections']
        : ['nats-server', ['-a', '127.0.0.1', '-p', port], 'Server is ready'];
    const child = spawn(command, args as string[], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.#child = child;
    await new Promise<void>((resolve, reject) => {
      let out = '';
      const read = (d: Buffer) => {
        out += d;
        if (out.includes(ready)) resolve();
      };
      child.stdout!.on('data', read);
      child.stderr!.on('data', read);
      child.once('exit', (code) => reject(new Error(`${command} exited (${code}): ${out}`)));
    });
  }

  /** SIGSTOP: the server keeps its connections open and answers nothing, as a hung host does. */
  freeze(): void {
    this.#child?.kill('SIGSTOP');
  }

  thaw(): void {
    this.#child?.kill('SIGCONT');
  }

  /** SIGKILL (thawed first, so the kill is not held back). */
  async kill(): Promise<void> {
    const child = this.#child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    child.kill('SIGCONT');
    await exited;
  }

  async stop(): Promise<void> {
    await this.kill();
    rmSync(this.#dir, { recursive: true, force: true });
  }
}
