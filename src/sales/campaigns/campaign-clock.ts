import type { Db, Queryable } from '../../platform/db/db.port';
import type { StockGate } from '../../platform/gate/gate.port';
import type { Clock } from '../../kernel/clock';
import { AppError } from '../../kernel/app-error';
import type { Stock } from '../../catalog';
import type { EventBatch, SalesEvents } from '../events';
import { orderFacts } from '../events';
import { nextOrderState } from '../orders/order.machine';
import { orderColumns, fromRow, ordersRepo } from '../orders/orders.repo';
import { runLater, type Later, type Units } from '../orders/units';
import type { Refunds } from '../payments/refunds';
import type { Announcer } from './announcer';
import { nextCampaignState, stopsSelling, type CampaignEvent } from './campaign.machine';
import { campaignColumns, campaignFromRow, campaignsRepo, type CampaignRecord } from './campaigns.repo';
import { toRoomFlashSale } from './views';

export const campaignFacts = (c: CampaignRecord) => ({
  campaignId: c.id, kind: c.kind, roomId: c.roomId, productId: c.productId, skuId: c.skuId, units: c.units, sold: c.sold,
});

export interface CampaignClockDeps {
  db: Db;
  clock: Clock;
  events: SalesEvents;
  stock: Pick<Stock, 'putBack'>;
  units: Units;
  refunds: Pick<Refunds, 'refundInTx'>;
  /** Null when the database decides alone (the row-locking baseline of the flash bench). */
  gate: StockGate | null;
  announcer: Announcer;
  log: { warn(o: object, m: string): void; error(o: object, m: string): void };
}

/**
 * What time does to campaigns (campaign.machine.ts): opening, closing (units not sold go back to
 * the product's stock), a presale's balance window opening (each deposit's buyer is reminded:
 * `presale.balanceDue`) and closing (deposits left unpaid are forfeited or refunded, as the campaign
 * says). Each step takes its rows with SKIP LOCKED, so nodes sweeping together never move one twice.
 */
export function createCampaignClock(deps: CampaignClockDeps) {
  const { db, clock } = deps;

  async function move(tx: Queryable, c: CampaignRecord, event: CampaignEvent, batch: EventBatch): Promise<CampaignRecord> {
    const to = nextCampaignState(c.kind, c.state, event);
    if (!to) throw new AppError('SALES_CAMPAIGN_STATE', undefined, { state: c.state });
    if (stopsSelling(c.kind, c.state, event) && c.units > c.sold) {
      await deps.stock.putBack(tx, c.shopId, [{ productId: c.productId, skuId: c.skuId, quantity: c.units - c.sold }]);
    }
    const [row] = await tx.query(
      `UPDATE sale_campaigns SET state = $2, units = CASE WHEN $3 THEN sold ELSE units END WHERE id = $1 RETURNING ${campaignColumns}`,
      [c.id, to, stopsSelling(c.kind, c.state, event)],
    );
    const moved = campaignFromRow(row!);
    if (event === 'open') await batch.emit(tx, c.shopId, c.id, { type: 'sale.started', data: campaignFacts(moved) });
    if (event === 'close' || event === 'cancel') await batch.emit(tx, c.shopId, c.id, { type: 'sale.ended', data: campaignFacts(moved) });
    return moved;
  }

  async function gateWork(what: string, work: () => Promise<void>): Promise<void> {
    await work().catch((err) => deps.log.warn({ err }, `the gate could not ${what}; it is rebuilt from the database when asked`));
  }

  /** A flash sale began selling: its gate pool, and the room's countdown. */
  async function opened(c: CampaignRecord): Promise<void> {
    if (c.kind !== 'flash') return;
    const gate = deps.gate;
    if (gate) await gateWork('load a sale', async () => gate.load(c.id, await campaignsRepo.gatePool(db, c), 'replace'));
    deps.announcer.started(c.roomId ?? '', toRoomFlashSale(c));
  }

  async function stopped(c: CampaignRecord): Promise<void> {
    if (c.kind !== 'flash') return;
    const gate = deps.gate;
    if (gate) await gateWork('drop a sale', () => gate.drop(c.id));
    deps.announcer.ended(c.roomId, c.id);
  }

  /** Campaigns of `where` (locked, skipping rows another node holds), each moved by `event` in one transaction. */
  async function step(where: string, event: CampaignEvent, each?: (tx: Queryable, c: CampaignRecord, batch: EventBatch, later: Later[]) => Promise<void>) {
    const batch = deps.events.batch();
    const later: Later[] = [];
    const moved = await db.transaction(async (tx) => {
      const rows = await tx.query(`SELECT ${campaignColumns} FROM sale_campaigns WHERE ${where} LIMIT 50 FOR UPDATE SKIP LOCKED`, [clock.now()]);
      const out: CampaignRecord[] = [];
      for (const c of rows.map(campaignFromRow)) {
        const m = await move(tx, c, event, batch);
        if (each) await each(tx, m, batch, later);
        out.push(m);
      }
      return out;
    });
    batch.publish();
    await runLater(later, deps.log);
    return moved;
  }

  async function depositsOf(tx: Queryable, campaignId: string) {
    return (await tx.query(`SELECT ${orderColumns} FROM orders WHERE campaign_id = $1 AND state = 'deposit_paid' FOR UPDATE`, [campaignId])).map(fromRow);
  }

  return {
    opened,

    async cancel(c: CampaignRecord): Promise<CampaignRecord> {
      const batch = deps.events.batch();
      const moved = await db.transaction(async (tx) => {
        const current = (await campaignsRepo.get(tx, c.id, true))!;
        // A presale with deposits would owe them back: the shop closes it through its balance window instead.
        if (current.kind === 'presale' && current.sold > 0) throw new AppError('SALES_CAMPAIGN_STATE', 'Deposits were paid: the presale runs its course.');
        return move(tx, current, 'cancel', batch);
      });
      batch.publish();
      await stopped(moved);
      return moved;
    },

    /** Moves every campaign whose moment has passed; the sweeper calls this every second. */
    async advance(): Promise<void> {
      for (const c of await step(`state = 'scheduled' AND starts_at <= $1 AND ends_at > $1`, 'open')) await opened(c);
      for (const c of await step(`state IN ('scheduled', 'live', 'deposit') AND ends_at <= $1`, 'close')) await stopped(c);
      await step(`kind = 'presale' AND state = 'waiting' AND balance_starts_at <= $1`, 'openBalance', async (tx, c, batch) => {
        for (const o of await depositsOf(tx, c.id)) await batch.emit(tx, o.shopId, o.id, { type: 'presale.balanceDue', data: orderFacts(o) });
      });
      await step(`kind = 'presale' AND state IN ('waiting', 'balance') AND balance_ends_at <= $1`, 'closeBalance', async (tx, c, batch, later) => {
        for (const o of await depositsOf(tx, c.id)) {
          if (c.missedBalance === 'refund') {
            later.push(...(await deps.refunds.refundInTx(tx, o, undefined, 'the balance was not paid in its window', batch)).later);
            continue;
          }
          const now = clock.now();
          later.push(...(await deps.units.giveBack(tx, o)));
          const record = await ordersRepo.transition(tx, o.id, o.state, nextOrderState(o.state, 'forfeit', o)!, { closedAt: now }, now);
          await batch.emit(tx, record.shopId, record.id, { type: 'presale.forfeited', data: orderFacts(record) });
        }
      });
    },

    /** Loads every flash sale that sells into the gate, from the database (at start: the gate may hold nothing, or stale counts). */
    async rebuildGates(): Promise<number> {
      const gate = deps.gate;
      if (!gate) return 0;
      const rows = await db.query(`SELECT ${campaignColumns} FROM sale_campaigns WHERE kind = 'flash' AND state IN ('scheduled', 'live') AND ends_at > $1`, [clock.now()]);
      for (const c of rows.map(campaignFromRow)) await gate.load(c.id, await campaignsRepo.gatePool(db, c), 'replace');
      return rows.length;
    },
  };
}

export type CampaignClock = ReturnType<typeof createCampaignClock>;
