/**
 * The server under test of `npm run bench:flash`, in its own process so its CPU is measured alone:
 * the assembled hutong, seeded with the demo shop, on PGlite (in memory) or PostgreSQL
 * (BENCH_DATABASE_URL), with the stock gate in memory or Redis (BENCH_REDIS_URL), or — for the
 * baseline (`row-lock`) — no gate and the row-locking take (row-lock.ts) through the same route.
 * IPC: `{ setup }` makes the buyers (straight in the database, as the issue allows) and the sale,
 * `{ stats }` answers CPU, `{ verify }` what the database holds.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { loadConfig } from '../../src/app/config';
import { createHutong } from '../../src/app/hutong';
import { seedDemo } from '../../src/app/seed-demo';
import { openPglite } from '../../src/platform/db/db.pglite';
import { openPostgres } from '../../src/platform/db/db.postgres';
import { migrate } from '../../src/platform/db/migrate';
import type { Db } from '../../src/platform/db/db.port';
import { RedisGate } from '../../src/platform/gate/gate.redis';
import { makeBuyers } from '../../test/sales/buyers';
import { rowLockingTake } from './row-lock';

const strategy = process.argv[2] as 'gate' | 'row-lock';
const databaseUrl = process.env.BENCH_DATABASE_URL;
const redisUrl = process.env.BENCH_REDIS_URL;

const opened = databaseUrl ? await openPostgres({ url: databaseUrl, max: 20 }) : await openPglite({ dataDir: 'memory' });
// BENCH_COUNT_SQL=1: counts the statements the server sends, by their first words (printed at stop).
const counts = new Map<string, number>();
const counted = <Q extends { query: Db['query'] }>(q: Q): Q => ({
  ...q,
  query: (sql: string, params?: readonly unknown[]) => {
    const k = sql.replace(/\s+/g, ' ').trim().slice(0, 70);
    counts.set(k, (counts.get(k) ?? 0) + 1);
    return q.query(sql, params);
  },
});
const db: Db = process.env.BENCH_COUNT_SQL ? { ...counted(opened), transaction: (fn) => opened.transaction((tx) => fn(counted(tx))) } : opened;
await migrate(db);
// Secrets and pictures land here; removed at stop.
const dataDir = `/tmp/hutong-bench-flash-${process.pid}`;
const config = loadConfig({
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('HUTONG_') && !k.startsWith('HUTONG_TEST_'))),
  HUTONG_LOG_LEVEL: 'warn',
  HUTONG_SECRET: 'bench-secret-bench-secret-bench-secret',
  HUTONG_FFMPEG: 'off',
  HUTONG_DATA_DIR: dataDir,
});
const gate = redisUrl && strategy === 'gate' ? await RedisGate.connect(redisUrl, `hutong-bench-${randomBytes(4).toString('hex')}:gate:`) : undefined;
const hutong = await createHutong(config, { db, gate, ...(strategy === 'row-lock' ? { flashBaseline: { take: rowLockingTake } } : {}) });
await seedDemo(hutong);
const url = await hutong.http.listen({ port: 0, host: '127.0.0.1' });

interface Setup {
  buyers: number;
  units: number;
  perBuyerLimit: number;
}

async function setup(s: Setup) {
  const shop = (await hutong.identity.shops.bySlug('demo'))!;
  const room = await hutong.rooms.bySlug('demo');
  // A product with stock enough for the sale: the demo's goji berries get more.
  const product = (await hutong.products.list(shop.id, { limit: 50 })).items.find((p) => p.title.startsWith('宁夏枸杞'))!;
  await hutong.products.update(shop.id, product.id, { stock: s.units });
  // The sale is started as the host would, through the API.
  const owner = await hutong.identity.accounts.login('owner@demo.hutong.local', 'hutong-demo');
  const res = await fetch(`${url}/api/v1/shops/${shop.id}/flash-sales`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: `hutong_session=${owner.token}` },
    body: JSON.stringify({ roomId: room.id, productId: product.id, priceMinor: 990, units: s.units, perBuyerLimit: s.perBuyerLimit, durationMinutes: 60 }),
  });
  if (res.status !== 201) throw new Error(`starting the sale: ${res.status} ${await res.text()}`);
  const sale = ((await res.json()) as { flashSale: { id: string } }).flashSale;
  const buyers = await makeBuyers(db, s.buyers);
  return { url, saleId: sale.id, cookies: buyers.map((b) => b.cookie) };
}

async function verify(saleId: string) {
  const [sale] = await db.query<{ units: number; sold: number }>(`SELECT units, sold FROM sale_campaigns WHERE id = $1`, [saleId]);
  const [orders] = await db.query<{ n: number; units: number; buyers: number; over: number }>(
    `SELECT count(*)::int AS n, COALESCE(sum(units), 0)::int AS units, count(DISTINCT buyer_id)::int AS buyers,
            (SELECT count(*)::int FROM campaign_buyers WHERE campaign_id = $1 AND units > (SELECT per_buyer_limit FROM sale_campaigns WHERE id = $1)) AS over
       FROM orders WHERE campaign_id = $1`,
    [saleId],
  );
  return { units: sale!.units, sold: sale!.sold, orders: orders!.n, orderedUnits: orders!.units, buyers: orders!.buyers, overLimit: orders!.over };
}

/**
 * BENCH_CPU_PROF=DIR: the main thread's CPU profile of the load window alone (from the first
 * `stats` to the second), written as DIR/flash-<strategy>-<pid>.cpuprofile — setup and seeding left out.
 */
let profiling: Session | undefined;
async function profile(): Promise<void> {
  const dir = process.env.BENCH_CPU_PROF;
  if (!dir) return;
  if (!profiling) {
    profiling = new Session();
    profiling.connect();
    await profiling.post('Profiler.enable');
    await profiling.post('Profiler.start');
    return;
  }
  const { profile: taken } = await profiling.post('Profiler.stop');
  profiling.disconnect();
  await writeFile(join(dir, `flash-${strategy}-${process.pid}.cpuprofile`), JSON.stringify(taken));
}

process.on('message', (m: { setup?: Setup; stats?: boolean; verify?: string; stop?: boolean }) => {
  const answer = async () => {
    if (m.setup) return setup(m.setup);
    if (m.stats) {
      const cpu = process.cpuUsage();
      await profile();
      if (process.env.BENCH_COUNT_SQL) console.error([...counts].sort((a, b) => b[1] - a[1]).slice(0, 40).map(([k, n]) => `${String(n).padStart(7)}  ${k}`).join("\n"));
      counts.clear();
      return { cpu };
    }
    if (m.verify) return verify(m.verify);
    if (m.stop) {
      await hutong.close();
      await gate?.close();
      rmSync(dataDir, { recursive: true, force: true });
      return { stopped: true };
    }
    return {};
  };
  answer().then(
    (a) => {
      process.send!(a);
      if (m.stop) setTimeout(() => process.exit(0), 100);
    },
    (err) => process.send!({ error: String(err?.stack ?? err) }),
  );
});
process.send!({ ready: url });
