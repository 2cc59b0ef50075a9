import type { Db } from '../../platform/db/db.port';
import type { GatePool, StockGate } from '../../platform/gate/gate.port';
import type { Clock } from '../../kernel/clock';

export interface GateCheckOptions {
  /** At most one check per sale per node this often (ms). */
  everyMs: number;
  /** How long purchases the gate let through get to commit before the counts are compared (ms). */
  settleMs: number;
}

export const GATE_CHECK_DEFAULTS: GateCheckOptions = { everyMs: 5_000, settleMs: 2_000 };

/**
 * The gate may count units as taken that the database never sold: a purchase that died between the
 * gate and its commit on a node that is not restarted (a restart rebuilds every gate), or a unit
 * given back while Redis was away. Those units would stay stranded — buyers told "sold out" while
 * the database still has them — so when the gate refuses for "sold out", this node compares (at most
 * every `everyMs` per sale): if the gate still counts more units taken than the database has sold
 * once the database's count has stood still for `settleMs` (the purchases the gate let through have
 * committed), the gate takes the database's counts again. It never oversells: a purchase still in
 * flight that the resync forgets only lets one more attempt reach the database, whose conditional
 * UPDATE refuses it (and resyncs the gate again).
 */
export function createGateCheck(deps: {
  db: Db;
  clock: Clock;
  gate: StockGate;
  /** The sale's pool as the database has it now; undefined when it no longer sells. */
  pool(saleId: string): Promise<GatePool | undefined>;
  options: GateCheckOptions;
  log: { warn(o: object, m: string): void };
}) {
  const lastAt = new Map<string, number>();
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

  async function sold(saleId: string): Promise<number | null> {
    const [row] = await deps.db.query<{ sold: number }>(
      `SELECT sold FROM sale_campaigns WHERE id = $1 AND kind = 'flash' AND state IN ('scheduled', 'live') AND ends_at > $2`,
      [saleId, deps.clock.now()],
    );
    return row ? row.sold : null;
  }

  /** The database's `sold` and the units the gate counts beyond it; null when the sale no longer sells or the gate lacks it. */
  async function compare(saleId: string): Promise<{ sold: number; extra: number } | null> {
    const [counted, truth] = await Promise.all([deps.gate.count(saleId), sold(saleId)]);
    return counted && truth !== null ? { sold: truth, extra: Math.max(0, counted.taken - truth) } : null;
  }

  async function check(saleId: string): Promise<void> {
    let before = await compare(saleId);
    // Purchases the gate let through may still be committing: wait until the database's count stands
    // still (five rounds at most; a count still moving then is looked at again at a later "sold out").
    for (let round = 0; before && before.extra > 0 && round < 5; round++) {
      await sleep(deps.options.settleMs);
      const now = await compare(saleId);
      if (!now || now.extra === 0) return;
      if (now.sold !== before.sold) {
        before = now;
        continue;
      }
      const pool = await deps.pool(saleId);
      if (!pool) return;
      await deps.gate.load(saleId, pool, 'replace');
      deps.log.warn({ saleId, units: now.extra }, 'the stock gate counted units the database never sold (a purchase that never committed, or a lost give-back): resynced from the database');
      return;
    }
  }

  return {
    /** The gate just refused an attempt for "sold out". Never waits: the check runs on its own. */
    soldOut(saleId: string): void {
      const now = Date.now();
      if (now - (lastAt.get(saleId) ?? -Infinity) < deps.options.everyMs) return;
      lastAt.set(saleId, now);
      if (lastAt.size > 1_000) lastAt.delete(lastAt.keys().next().value!);
      void check(saleId).catch((err) => deps.log.warn({ err, saleId }, 'checking the stock gate against the database failed'));
    },
  };
}
