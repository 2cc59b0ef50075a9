import type { Db, Queryable } from '../../platform/db/db.port';
import type { StockGate, TakeResult } from '../../platform/gate/gate.port';
import { holderKey } from '../../platform/gate/gate.port';
import type { Clock } from '../../kernel/clock';
import { AppError } from '../../kernel/app-error';
import { newId } from '../../kernel/ids';
import type { Address } from '../../contracts/sales-orders.schemas';
import type { CampaignOrderBody } from '../../contracts/sales-campaigns.schemas';
import type { SalesEvents } from '../events';
import { orderFacts } from '../events';
import { errorAnswer, fingerprint, type Answer, type Idempotency } from '../idempotency';
import { ordersRepo, toOrder } from '../orders/orders.repo';
import { createFlashWriter, flashOrder, type Winner, type Written } from './flash-writer';
import type { Announcer } from './announcer';
import { createGateCheck, GATE_CHECK_DEFAULTS, type GateCheckOptions } from './gate-check';
import { campaignsRepo, SELLING, type CampaignRecord, type TakeRefusal } from './campaigns.repo';

/** The database's take, swappable for the row-locking baseline of `npm run bench:flash`. */
export type CampaignTake = typeof campaignsRepo.take;

export interface FlashPurchaseDeps {
  db: Db;
  clock: Clock;
  /** Null: no gate, the database decides every attempt (the bench's baseline). */
  gate: StockGate | null;
  take: CampaignTake;
  idempotency: Idempotency;
  events: SalesEvents;
  announcer: Announcer;
  liveShowOf(roomId: string): Promise<string | null>;
  address(buyerId: string, body: { address?: Address | undefined; addressId?: string | undefined }): Promise<Address>;
  orderTtlMs: number;
  due: (at: Date) => void;
  /** Crash tests only (HUTONG_TEST_PAUSE_AT): hangs an attempt at a named point so the test can SIGKILL the process there. */
  pause?: (point: 'flash.gated' | 'flash.committed', key: string) => Promise<void>;
  /** How often the gate's "sold out" is compared with the database (gate-check.ts). */
  gateCheck?: GateCheckOptions;
  log: { warn(o: object, m: string): void; error(o: object, m: string): void };
}

const refusals: Record<TakeRefusal, 'SALES_SOLD_OUT' | 'SALES_LIMIT_REACHED' | 'SALES_NOT_STARTED' | 'SALES_ENDED'> = {
  sold_out: 'SALES_SOLD_OUT',
  limit: 'SALES_LIMIT_REACHED',
  not_open: 'SALES_NOT_STARTED',
  closed: 'SALES_ENDED',
};
// Built once: losers are most of a flash sale's answers, and an Error per loser (its stack) costs.
const refusalAnswers = Object.fromEntries(Object.entries(refusals).map(([reason, code]) => [reason, errorAnswer(new AppError(code))])) as Record<TakeRefusal, Answer>;
const refused = (reason: TakeRefusal): Answer => refusalAnswers[reason];

class Refused extends Error {
  constructor(readonly reason: TakeRefusal) {
    super(reason);
  }
}
class KeyTaken extends Error {}

/**
 * The flash-sale purchase (DESIGN.md §4.2), the hottest path of the shop:
 *
 * 1. The gate decides in memory or one Redis round trip: window, per-buyer limit, units, and the
 *    idempotency key. Losers are answered from there and never touch the database.
 * 2. A winner's order is written in one transaction: the campaign's conditional UPDATE (the last word
 *    on stock), the buyer's row (the last word on the limit), the order, its idempotency answer (the
 *    last word on "one order per key") and its outbox event. The answer is sent after the commit.
 * 3. If the database refuses what the gate allowed (the gate was wrong), the gate is resynced from the
 *    database; if the commit fails otherwise, the unit goes back to the gate.
 */
export function createFlashPurchase(deps: FlashPurchaseDeps) {
  const { db, clock } = deps;
  // Campaign rows never change what a purchase copies from them (price, title, product): cached per node.
  const campaigns = new Map<string, Promise<CampaignRecord | undefined>>();
  const rebuilding = new Map<string, Promise<'loaded' | 'missing' | 'closed'>>();
  const gateCheck = deps.gate && createGateCheck({
    db, clock, gate: deps.gate, options: deps.gateCheck ?? GATE_CHECK_DEFAULTS, log: deps.log,
    pool: async (id) => {
      const c = await campaign(id);
      return c ? campaignsRepo.gatePool(db, c) : undefined;
    },
  });

  function campaign(id: string): Promise<CampaignRecord | undefined> {
    let c = campaigns.get(id);
    if (!c) {
      c = campaignsRepo.get(db, id).then((r) => (r?.kind === 'flash' ? r : undefined));
      campaigns.set(id, c);
      // An unknown id is forgotten soon (it may be created later); a lookup that failed at once.
      void c.then((r) => (r ? undefined : setTimeout(() => campaigns.delete(id), 5_000).unref()), () => campaigns.delete(id));
    }
    return c;
  }

  /** Loads a pool the gate does not hold from the database (one load per node at a time). */
  function rebuild(gate: StockGate, id: string): Promise<'loaded' | 'missing' | 'closed'> {
    let r = rebuilding.get(id);
    if (!r) {
      r = (async () => {
        const c = await campaign(id);
        if (!c) return 'missing' as const;
        const now = (await campaignsRepo.get(db, id))!;
        if (!SELLING.flash.includes(now.state)) return 'closed' as const;
        await gate.load(id, await campaignsRepo.gatePool(db, c), 'if_absent');
        return 'loaded' as const;
      })().finally(() => rebuilding.delete(id));
      rebuilding.set(id, r);
    }
    return r;
  }

  async function askGate(saleId: string, buyerId: string, key: string, fp: string, quantity: number, ref: string): Promise<TakeResult | 'no-gate' | 'missing'> {
    const gate = deps.gate;
    if (!gate) return 'no-gate';
    const request = { holder: buyerId, key, fingerprint: fp, units: quantity, now: clock.now().getTime(), ref };
    try {
      let r = await gate.take(saleId, request);
      if (r.kind === 'unknown') {
        // Never loaded here, or Redis came back empty: rebuild it from the database, then ask again.
        const rebuilt = await rebuild(gate, saleId);
        if (rebuilt === 'missing') return 'missing';
        if (rebuilt === 'closed') return { kind: 'refused', reason: 'closed' };
        r = await gate.take(saleId, request);
      }
      return r;
    } catch (err) {
      // The gate only sheds load: without it the database still decides correctly, just for everyone.
      deps.log.warn({ err, saleId }, 'the stock gate did not answer; the database decides this attempt alone');
      return 'no-gate';
    }
  }

  /** After the database refused what the gate let through: the gate takes the database's counts again. */
  async function resync(saleId: string, buyerId: string, key: string, fp: string, reason: TakeRefusal): Promise<void> {
    const gate = deps.gate;
    const c = await campaign(saleId);
    if (!gate || !c) return;
    const pool = await campaignsRepo.gatePool(db, c);
    if (reason === 'sold_out' || reason === 'limit') pool.keys[holderKey(buyerId, key)] = { fingerprint: fp, outcome: reason, ref: '' };
    await gate.load(saleId, pool, 'replace').catch((err) => deps.log.warn({ err, saleId }, 'resyncing the gate failed'));
  }

  async function commit(tx: Queryable, c: CampaignRecord, w: Winner): Promise<Written> {
    const now = clock.now();
    const taken = await deps.take(tx, c, w.buyerId, w.quantity, now);
    if (!taken.ok) throw new Refused(taken.reason);
    const order = flashOrder(c, w, now, deps.orderTtlMs);
    await ordersRepo.insert(tx, order);
    const answer: Answer = { status: 201, body: { order: toOrder(order, now) } };
    if (!(await deps.idempotency.record(tx, `u:${w.buyerId}`, w.key, w.fingerprint, answer))) throw new KeyTaken();
    return { order, answer, left: taken.units - taken.sold };
  }

  /** One winner's order in its own transaction, its event published after the commit. */
  async function one(c: CampaignRecord, w: Winner): Promise<Written> {
    const batch = deps.events.batch();
    const done = await db.transaction(async (tx) => {
      const r = await commit(tx, c, w);
      await batch.emit(tx, c.shopId, r.order.id, { type: 'order.created', data: orderFacts(r.order) });
      return r;
    });
    batch.publish();
    return done;
  }

  // The gate's winners are written in batches (flash-writer.ts); without a gate every attempt is its own.
  const writer = createFlashWriter({ db, clock, idempotency: deps.idempotency, events: deps.events, orderTtlMs: deps.orderTtlMs, one });

  return async function purchase(buyerId: string, saleId: string, key: string, body: CampaignOrderBody): Promise<Answer> {
    const fp = fingerprint({ route: 'flash', saleId, body });
    const orderId = newId();
    const verdict = await askGate(saleId, buyerId, key, fp, body.quantity, orderId);
    if (verdict === 'missing') return errorAnswer(new AppError('SALES_CAMPAIGN_NOT_FOUND'));
    if (verdict !== 'no-gate') {
      if (verdict.kind === 'refused') {
        if (verdict.reason === 'sold_out') gateCheck?.soldOut(saleId);
        return refused(verdict.reason);
      }
      if (verdict.kind === 'seen') {
        if (!verdict.sameRequest) return errorAnswer(new AppError('SALES_IDEMPOTENCY_KEY_REUSED'));
        if (verdict.outcome !== 'taken') return refused(verdict.outcome);
        return (await deps.idempotency.replay(`u:${buyerId}`, key, fp)) ?? errorAnswer(new AppError('SALES_IDEMPOTENCY_IN_FLIGHT'));
      }
      if (verdict.kind === 'unknown') return refused('closed');
    }
    const giveBack = (forget: boolean) =>
      deps.gate && verdict !== 'no-gate'
        ? deps.gate.release(saleId, { holder: buyerId, key, units: body.quantity, forget }).catch((err) => deps.log.warn({ err, saleId }, 'the gate did not take a unit back'))
        : Promise.resolve();
    try {
      const c = await campaign(saleId);
      if (!c) throw new AppError('SALES_CAMPAIGN_NOT_FOUND');
      const [address, showId] = await Promise.all([deps.address(buyerId, body), c.roomId ? deps.liveShowOf(c.roomId) : null]);
      await deps.pause?.('flash.gated', key);
      const winner: Winner = { buyerId, key, fingerprint: fp, quantity: body.quantity, address, showId, orderId };
      const done = verdict === 'no-gate' ? await one(c, winner) : await writer.write(c, winner);
      await deps.pause?.('flash.committed', key);
      deps.due(done.order.expiresAt!);
      deps.announcer.stockLeft(c.roomId, c.id, done.left);
      deps.announcer.bought(c.roomId, c.productId, c.title);
      return done.answer;
    } catch (err) {
      if (err instanceof Refused) {
        await resync(saleId, buyerId, key, fp, err.reason);
        return refused(err.reason);
      }
      if (err instanceof KeyTaken) {
        // The key already made an order (the gate had forgotten it): that order is the answer.
        await giveBack(false);
        return (await deps.idempotency.replay(`u:${buyerId}`, key, fp)) ?? errorAnswer(new AppError('SALES_IDEMPOTENCY_IN_FLIGHT'));
      }
      await giveBack(true);
      if (err instanceof AppError) return errorAnswer(err);
      throw err;
    }
  };
}

export type FlashPurchase = ReturnType<typeof createFlashPurchase>;
