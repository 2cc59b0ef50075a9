import { Writable } from 'node:stream';
import { inject } from 'vitest';
import { loadConfig } from '../../src/app/config';
import { createHutong, type Hutong } from '../../src/app/hutong';
import { demoAccounts, seedDemo } from '../../src/app/seed-demo';
import { openTestPglite } from './pglite';
import { migrate } from '../../src/platform/db/migrate';
import type { Db } from '../../src/platform/db/db.port';
import type { Clock } from '../../src/kernel/clock';
import type { StockGate } from '../../src/platform/gate/gate.port';

export interface TestServer {
  url: string;
  hutong: Hutong;
  /** Every JSON log line the server wrote. */
  logs: string[];
  seed: { ownerEmail: string; ownerPassword: string; hostEmail: string; operatorEmail: string };
  close(): Promise<void>;
}

/**
 * The assembled app on a free port of 127.0.0.1, seeded with the demo shop.
 * The database is a fresh, migrated in-memory PGlite unless `db` is given (e.g. a PostgreSQL test database).
 * `port` fixes the port, for a test whose HUTONG_PUBLIC_URL must name it (links a browser follows).
 */
export async function startTestServer(opts: { db?: Db; env?: Record<string, string>; clock?: Clock; gate?: StockGate; port?: number } = {}): Promise<TestServer> {
  const db = opts.db ?? (await openTestPglite());
  await migrate(db);
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk, _enc, done) {
      logs.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const config = loadConfig({ HUTONG_LOG_LEVEL: 'info', HUTONG_LOG_FORMAT: 'json', HUTONG_PORT: '8080', ...opts.env });
  const hutong = await createHutong(config, { db, logStream, clock: opts.clock, gate: opts.gate, webDistDir: inject('webDistDir') });
  await seedDemo(hutong);
  const address = await hutong.http.listen({ port: opts.port ?? 0, host: '127.0.0.1' });
  return {
    url: address,
    hutong,
    logs,
    seed: {
      ownerEmail: demoAccounts.owner.email,
      ownerPassword: demoAccounts.password,
      hostEmail: demoAccounts.host.email,
      operatorEmail: demoAccounts.operator.email,
    },
    close: () => hutong.close(),
  };
}
