import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freePort } from '../support/net';
import { TestViewer } from '../realtime/socket-client';

const nodeScript = fileURLToPath(new URL('./node.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** A hutong node in a process of its own (node.ts). */
export interface ChaosNode {
  child: ChildProcess;
  url: string;
  output: () => string;
  alive: () => boolean;
  stop: () => Promise<void>;
}

export async function startNode(env: Record<string, string>, seed: boolean): Promise<ChaosNode> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hutong-chaos-node-'));
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', nodeScript], {
    cwd: repoRoot,
    env: { ...process.env, HUTONG_LOG_LEVEL: 'warn', HUTONG_LOG_FORMAT: 'json', HUTONG_DATA_DIR: dataDir, HUTONG_PORT: String(port), CHAOS_SEED: seed ? '1' : '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /listening (http:\/\/\S+)/.exec(out);
      if (m) (clearInterval(timer), resolve(m[1]!));
      else if (!alive()) (clearInterval(timer), reject(new Error(`node exited before listening:\n${out}`)));
    }, 50);
  });
  const stop = async () => {
    if (alive()) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(killer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { child, url, output: () => out, alive, stop };
}

interface Sent {
  text: string;
  node: number;
  at: number;
  ref: string;
}

interface Member {
  viewer: TestViewer;
  node: number;
  /** Chat text → when this viewer first saw it in a batch. */
  seen: Map<string, number>;
  counts?: { online: number; likes: number };
}

/**
 * Viewers on every node, each chatting every `chatEveryMs` (within the per-viewer limit of one
 * message per 2 s) and tapping likes, with the time each message was sent and each viewer first
 * saw it: the suite reads delivery and recovery times from it.
 */
export class Crowd {
  readonly members: Member[] = [];
  readonly sent: Sent[] = [];
  /** ref → message id, from the sender's ack: what the room acknowledged. */
  readonly acked = new Map<string, string>();
  readonly refused: unknown[] = [];
  likesSent = 0;
  #timers: NodeJS.Timeout[] = [];
  #n = 0;

  async join(url: string, node: number, viewers: number): Promise<void> {
    for (let i = 0; i < viewers; i++) {
      const viewer = await TestViewer.connect(url, 'demo');
      const member: Member = { viewer, node, seen: new Map() };
      viewer.ws.on('message', (data) => {
        const f = JSON.parse(String(data));
        const now = Date.now();
        if (f.t === 'batch') {
          for (const m of f.chat) if (!member.seen.has(m.text)) member.seen.set(m.text, now);
          member.counts = f.counts;
        } else if (f.t === 'hello') member.counts = f.counts;
        else if (f.t === 'ack') this.acked.set(f.ref, f.message.id);
        else if (f.t === 'error') this.refused.push(f);
      });
      await viewer.waitFor((f) => f.t === 'hello');
      this.members.push(member);
    }
  }

  /** Starts every viewer chatting (staggered) and liking. */
  start(chatEveryMs = 2200, likesEveryMs = 500): void {
    this.members.forEach((m, i) => {
      const chat = () => {
        const text = `n${m.node}-${i}-${this.#n++}`;
        this.sent.push({ text, node: m.node, at: Date.now(), ref: m.viewer.chat(text) });
      };
      const offset = setTimeout(() => {
        chat();
        this.#timers.push(setInterval(chat, chatEveryMs));
      }, (chatEveryMs * i) / this.members.length);
      this.#timers.push(offset);
      this.#timers.push(
        setInterval(() => {
          m.viewer.send({ t: 'like', n: 2 });
          this.likesSent += 2;
        }, likesEveryMs),
      );
    });
  }

  stop(): void {
    for (const t of this.#timers.splice(0)) clearTimeout(t);
  }

  /** For messages sent on a node within [from, to): how long each took to reach each other viewer of the same node. */
  localDelays(from: number, to: number): number[] {
    return this.sent
      .filter((s) => s.at >= from && s.at < to)
      .flatMap((s) =>
        this.members
          .filter((m) => m.node === s.node && m !== this.#sender(s))
          .map((m) => (m.seen.get(s.text) ?? Number.POSITIVE_INFINITY) - s.at),
      );
  }

  /**
   * After `since`, how long until a message sent on one node (at or after `since`) was seen on
   * another, for each direction; the slower direction is the recovery time.
   */
  crossRecovery(since: number): number {
    const nodes = [...new Set(this.members.map((m) => m.node))];
    return Math.max(
      ...nodes.map((from) => {
        const arrivals = this.sent
          .filter((s) => s.node === from && s.at >= since)
          .flatMap((s) => this.members.filter((m) => m.node !== from).map((m) => m.seen.get(s.text)))
          .filter((t): t is number => t !== undefined);
        return arrivals.length ? Math.min(...arrivals) - since : Number.POSITIVE_INFINITY;
      }),
    );
  }

  /** Messages sent within [from, to) that some viewer (other than the sender) has not seen. */
  unseen(from: number, to: number): string[] {
    return this.sent
      .filter((s) => s.at >= from && s.at < to)
      .filter((s) => this.members.some((m) => m !== this.#sender(s) && !m.seen.has(s.text)))
      .map((s) => s.text);
  }

  #sender(s: Sent): Member | undefined {
    const i = Number(s.text.split('-')[1]);
    return this.members[i];
  }

  async close(): Promise<void> {
    this.stop();
    await Promise.all(this.members.map((m) => m.viewer.close()));
  }
}

/** Ends every connection to the test's own database (and only that one), as a PostgreSQL restart would. */
export async function terminateBackends(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    return rows[0].n as number;
  } finally {
    await client.end();
  }
}

/** How many of these message ids the database holds. */
export async function storedCount(databaseUrl: string, ids: string[]): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM chat_messages WHERE id = ANY($1::uuid[])`, [ids]);
    return rows[0].n as number;
  } finally {
    await client.end();
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `probe` holds; resolves to how long it took, rejects after `ms`. */
export async function within(ms: number, what: string, probe: () => boolean | Promise<boolean>): Promise<number> {
  const start = Date.now();
  for (;;) {
    if (await probe()) return Date.now() - start;
    if (Date.now() - start > ms) throw new Error(`not within ${ms} ms: ${what}`);
    await sleep(50);
  }
}
