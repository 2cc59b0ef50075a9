import type { Queryable } from '../../platform/db/db.port';
import type { StockGate } from '../../platform/gate/gate.port';
import type { Stock } from '../../catalog';
import { campaignsRepo } from '../campaigns/campaigns.repo';
import type { OrderRecord } from './orders.repo';

/** Work to do once a transaction has committed (tell the gate, the room). */
export type Later = () => Promise<void> | void;

export interface UnitsDeps {
  stock: Pick<Stock, 'putBack'>;
  gate: StockGate;
  /** Units left in a campaign changed (the room's "stock left"). */
  stockLeft(c: { campaignId: string; roomId: string | null; left: number }): void;
  log: { warn(o: object, m: string): void };
}

/** Units of an order's lines: `quantity` of line `line` (its index in the order's `lines`). */
export interface LineUnits {
  line: number;
  quantity: number;
}

/** What of each line is still out with the buyer: bought minus what partial refunds gave back. */
export function unitsOut(o: Pick<OrderRecord, 'lines' | 'returnedUnits'>): LineUnits[] {
  return o.lines.map((l, line) => ({ line, quantity: l.quantity - (o.returnedUnits[line] ?? 0) })).filter((u) => u.quantity > 0);
}

/**
 * Where an order's units go when it closes (cancelled, expired, refunded, forfeited) or a partial
 * refund takes some back: to the product's stock for a regular order; to its campaign while the
 * campaign still sells (and to the gate, so another buyer can take them — they were the sale's
 * units at the sale's price), else to the product's stock.
 */
export function createUnits(deps: UnitsDeps) {
  return {
    /** Gives back `which` units (default: every unit still out) in the caller's transaction; answers the after-commit work. */
    async giveBack(tx: Queryable, o: OrderRecord, which: readonly LineUnits[] = unitsOut(o)): Promise<Later[]> {
      const lines = which.filter((u) => u.quantity > 0).map((u) => ({ productId: o.lines[u.line]!.productId, skuId: o.lines[u.line]!.skuId, quantity: u.quantity }));
      const units = lines.reduce((n, l) => n + l.quantity, 0);
      if (units === 0) return [];
      if (!o.campaignId) {
        await deps.stock.putBack(tx, o.shopId, lines);
        return [];
      }
      const back = await campaignsRepo.giveBack(tx, o.campaignId, o.buyerId, units);
      if (back.to === 'stock') {
        await deps.stock.putBack(tx, o.shopId, lines);
        return [];
      }
      const campaignId = o.campaignId;
      return [
        async () => {
          // The gate holds flash sales only; a presale's pool is absent and this is a no-op there.
          if (o.kind === 'flash' && o.idempotencyKey) {
            await deps.gate
              .release(campaignId, { holder: o.buyerId, key: o.idempotencyKey, units, forget: false })
              .catch((err) => deps.log.warn({ err, campaignId }, 'the gate did not take units back; it is reloaded from the database on the next rebuild'));
          }
          deps.stockLeft({ campaignId, roomId: o.roomId, left: back.units - back.sold });
        },
      ];
    },
  };
}

export type Units = ReturnType<typeof createUnits>;

export async function runLater(later: Later[], log: { error(o: object, m: string): void }): Promise<void> {
  for (const l of later) {
    try {
      await l();
    } catch (err) {
      log.error({ err }, 'after-commit work failed');
    }
  }
}
