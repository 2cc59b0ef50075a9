import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from './support/net';
import { ApiClient } from './support/http';
import { runHutong, until, type HutongProcess } from './support/hutong-process';

/** The `hutong` command as a newcomer runs it: real processes, a real data dir. */
const dataDir = mkdtempSync(join(tmpdir(), 'hutong-cli-'));
const run = (args: string[], env: Record<string, string>, stdin?: string): HutongProcess =>
  runHutong(args, { HUTONG_DATA_DIR: dataDir, ...env }, stdin);

describe('the hutong command', () => {
  const running: HutongProcess[] = [];
  afterAll(async () => {
    for (const r of running) r.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a bad setting, naming the variable', async () => {
    const r = run(['serve'], { HUTONG_PORT: 'eighty' });
    expect(await r.exited).toBe(1);
    expect(r.output()).toMatch(/invalid configuration:\s+HUTONG_PORT:/);
  });

  it('serves, refuses a second hutong on the same data dir, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    // An empty temporary dir: tsx's compile cache is cold, as after a clone, so esbuild runs.
    const tmp = mkdtempSync(join(tmpdir(), 'hutong-cli-tmp-'));
    const first = run(['serve'], { HUTONG_PORT: String(port), TMPDIR: tmp });
    running.push(first);
    await until(() => first.output().includes('is up in'), 'start-up', 150_000); // 40–80 s cold at load 30
    // The first start created the database in a child process, and left no compiler running.
    expect(first.output()).toContain(`created the database in ${dataDir}`);
    const processes = execFileSync('ps', ['-e', '-o', 'ppid=,comm='], { encoding: 'utf8' }).split('\n').map((l) => l.trim().split(/\s+/));
    const children = processes.filter(([ppid]) => ppid === String(first.child.pid)).map(([, comm]) => comm);
    expect(children).not.toContain('esbuild');
    rmSync(tmp, { recursive: true, force: true });
    expect(first.output()).toContain(`http://localhost:${port}/live/demo`);
    expect(first.output()).toContain('owner@demo.hutong.local');
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);

    const second = run(['migrate'], {});
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/Another hutong is using the data dir/);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    // Real processes: a first start also creates its database in a child process of its own.
  }, 240_000);

  it('creates an operator from a password on stdin, who can then log in', async () => {
    const create = run(['admin', 'create-operator', '--email', 'Root@Example.com', '--name', 'Root'], {}, 'operator-password\n');
    expect(await create.exited).toBe(0);
    expect(create.output()).toContain('operator ready: root@example.com');
    expect(create.output()).not.toContain('operator-password');

    const port = await freePort();
    const server = run(['serve'], { HUTONG_PORT: String(port) });
    running.push(server);
    await until(() => server.output().includes('is up in'), 'start-up');
    const api = new ApiClient(`http://127.0.0.1:${port}`);
    await api.login('root@example.com', 'operator-password');
    expect((await api.get('/api/v1/me')).body.user.isOperator).toBe(true);
    const shops = await api.get('/api/v1/ops/shops');
    expect(shops.body.shops.map((s: { slug: string }) => s.slug)).toContain('demo');
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  }, 120_000);

  it('refuses a short operator password', async () => {
    const r = run(['admin', 'create-operator', '--email', 'x@example.com'], {}, 'short\n');
    expect(await r.exited).toBe(1);
    expect(r.output()).toMatch(/invalid input/);
  });
});
