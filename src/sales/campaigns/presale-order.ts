import type { Clock } from '../../kernel/clock';
import { AppError } from '../../kernel/app-error';
import { newId } from '../../kernel/ids';
import type { Address } from '../../contracts/sales-orders.schemas';
import type { CampaignOrderBody } from '../../contracts/sales-campaigns.schemas';
import type { SalesEvents } from '../events';
import { orderFacts } from '../events';
import { fingerprint, type Answer, type Idempotency } from '../idempotency';
import { ordersRepo, toOrder, type NewOrder } from '../orders/orders.repo';
import type { Announcer } from './announcer';
import { campaignsRepo, type CampaignRecord } from './campaigns.repo';

const codes = { sold_out: 'SALES_SOLD_OUT', limit: 'SALES_LIMIT_REACHED', not_open: 'SALES_NOT_STARTED', closed: 'SALES_ENDED' } as const;

/**
 * A presale deposit (定金): the order holds its units from the campaign at once, costs the deposit
 * now, and the rest — price − what the deposit is worth (定金膨胀) — in the balance window.
 * Unpaid deposits expire like any unpaid order and give their units back.
 */
export function createPresaleOrder(deps: {
  clock: Clock;
  idempotency: Idempotency;
  events: SalesEvents;
  announcer: Announcer;
  campaign(id: string): Promise<CampaignRecord | undefined>;
  liveShowOf(roomId: string): Promise<string | null>;
  address(buyerId: string, body: { address?: Address | undefined; addressId?: string | undefined }): Promise<Address>;
  orderTtlMs: number;
  due: (at: Date) => void;
}) {
  return async function depositOrder(buyerId: string, presaleId: string, key: string, body: CampaignOrderBody): Promise<Answer> {
    const c = await deps.campaign(presaleId);
    if (!c || c.kind !== 'presale') throw new AppError('SALES_CAMPAIGN_NOT_FOUND');
    const [address, showId] = await Promise.all([deps.address(buyerId, body), c.roomId ? deps.liveShowOf(c.roomId) : null]);
    const batch = deps.events.batch();
    return deps.idempotency.run(`u:${buyerId}`, key, fingerprint({ route: 'presale', presaleId, body }), async (tx) => {
      const now = deps.clock.now();
      const n = body.quantity;
      const taken = await campaignsRepo.take(tx, c, buyerId, n, now);
      if (!taken.ok) throw new AppError(codes[taken.reason]);
      const deposit = c.depositMinor! * n;
      const order: NewOrder = {
        id: newId(), shopId: c.shopId, buyerId, roomId: c.roomId, showId, kind: 'presale', campaignId: c.id, state: 'pending_payment',
        currency: c.currency,
        lines: [{ productId: c.productId, skuId: c.skuId, title: c.title, skuLabel: c.skuLabel, imageUrl: c.imageUrl, unitPriceMinor: c.priceMinor, quantity: n }],
        // The deposit counts for more than it costs: the difference is the order's discount.
        units: n, subtotalMinor: c.priceMinor * n, discountMinor: (c.depositWorthMinor! - c.depositMinor!) * n,
        // What the buyer pays in all: the deposit, then the price less what the deposit is worth.
        totalMinor: deposit + (c.priceMinor - c.depositWorthMinor!) * n,
        depositMinor: deposit, depositWorthMinor: c.depositWorthMinor! * n, couponClaimId: null, address, gift: false, idempotencyKey: key,
        expiresAt: new Date(now.getTime() + deps.orderTtlMs), balanceStartsAt: c.balanceStartsAt, balanceEndsAt: c.balanceEndsAt, createdAt: now,
      };
      await ordersRepo.insert(tx, order);
      const record = (await ordersRepo.get(tx, order.id))!;
      await batch.emit(tx, c.shopId, record.id, { type: 'order.created', data: orderFacts(record) });
      return {
        status: 201,
        body: { order: toOrder(record, now) },
        afterCommit: () => {
          batch.publish();
          deps.due(order.expiresAt!);
          deps.announcer.bought(c.roomId, c.productId, c.title);
        },
      };
    });
  };
}
