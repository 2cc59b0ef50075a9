import type { Product } from '../../contracts/catalog.schemas';
import type { Address, OrderLine, PlaceOrderBody } from '../../contracts/sales-orders.schemas';
import type { Clock } from '../../kernel/clock';
import { AppError } from '../../kernel/app-error';
import { newId } from '../../kernel/ids';
import { sumMinor } from '../../kernel/money';
import type { Stock } from '../../catalog';
import type { EventBatch, SalesEvents } from '../events';
import { orderFacts } from '../events';
import { fingerprint, type Answer, type Idempotency } from '../idempotency';
import type { CouponsForOrders } from '../coupons/coupons.service';
import { ordersRepo, toOrder, type NewOrder } from './orders.repo';
import { snapshotLine } from './snapshot';

export interface PlaceOrderDeps {
  clock: Clock;
  idempotency: Idempotency;
  events: SalesEvents;
  products: { get(shopId: string, id: string): Promise<Product> };
  stock: Pick<Stock, 'take'>;
  rooms: { byId(id: string): Promise<{ id: string; shopId: string }> };
  liveShowOf(roomId: string): Promise<string | null>;
  address(buyerId: string, body: { address?: Address | undefined; addressId?: string | undefined }): Promise<Address>;
  coupons: CouponsForOrders;
  orderTtlMs: number;
  due: (at: Date) => void;
}

/**
 * A regular purchase in a room: the lines are priced and snapshotted from the catalog, a coupon is
 * applied, and in one transaction the stock is taken (one conditional statement per SKU), the
 * coupon marked used, the order written with its outbox event, and the idempotency key's answer
 * stored. Stock short: SALES_OUT_OF_STOCK and nothing written.
 */
export function createPlaceOrder(deps: PlaceOrderDeps) {
  /** Everything read before the transaction (PGlite: a transaction must not wait on another query). */
  async function prepare(buyerId: string, body: PlaceOrderBody) {
    const room = await deps.rooms.byId(body.roomId);
    const ids = [...new Set(body.lines.map((l) => l.productId))];
    const products = new Map<string, Product>();
    for (const id of ids) {
      try {
        products.set(id, await deps.products.get(room.shopId, id));
      } catch (err) {
        if (err instanceof AppError && err.code === 'CATALOG_PRODUCT_NOT_FOUND') throw new AppError('SALES_PRODUCT_NOT_FOUND');
        throw err;
      }
    }
    const lines: OrderLine[] = body.lines.map((l) => snapshotLine(products.get(l.productId)!, l.skuId, l.quantity));
    const currencies = new Set(ids.map((id) => products.get(id)!.currency));
    if (currencies.size > 1) throw new AppError('SALES_CURRENCY_MIXED');
    const currency = [...currencies][0]!;
    const subtotalMinor = sumMinor(lines.map((l) => l.unitPriceMinor * l.quantity));
    if (body.couponClaimIds.length > 1) throw new AppError('SALES_COUPON_NOT_STACKABLE');
    const claimId = body.couponClaimIds[0] ?? null;
    const now = deps.clock.now();
    const discountMinor = claimId ? await deps.coupons.quote({ buyerId, claimId, shopId: room.shopId, currency, subtotalMinor, now }) : 0;
    return {
      room,
      showId: await deps.liveShowOf(room.id),
      lines,
      currency,
      subtotalMinor,
      discountMinor,
      claimId,
      // A gift's address is the friend's, given when they claim it.
      address: body.gift ? null : await deps.address(buyerId, body),
    };
  }

  return async function placeOrder(buyerId: string, key: string, body: PlaceOrderBody): Promise<Answer> {
    const fp = fingerprint({ route: 'orders', body });
    const ready = await prepare(buyerId, body);
    const batch: EventBatch = deps.events.batch();
    return deps.idempotency.run(`u:${buyerId}`, key, fp, async (tx) => {
      const now = deps.clock.now();
      const taken = await deps.stock.take(
        tx, ready.room.shopId, ready.lines.map((l) => ({ productId: l.productId, skuId: l.skuId, quantity: l.quantity })),
      );
      if (!taken.ok) throw new AppError('SALES_OUT_OF_STOCK', undefined, { productId: taken.productId, skuId: taken.skuId });
      const order: NewOrder = {
        id: newId(),
        shopId: ready.room.shopId,
        buyerId,
        roomId: ready.room.id,
        showId: ready.showId,
        kind: 'regular',
        campaignId: null,
        state: 'pending_payment',
        currency: ready.currency,
        lines: ready.lines,
        units: sumMinor(ready.lines.map((l) => l.quantity)),
        subtotalMinor: ready.subtotalMinor,
        discountMinor: ready.discountMinor,
        totalMinor: ready.subtotalMinor - ready.discountMinor,
        depositMinor: null,
        depositWorthMinor: null,
        couponClaimId: ready.claimId,
        address: ready.address,
        gift: body.gift,
        idempotencyKey: key,
        expiresAt: new Date(now.getTime() + deps.orderTtlMs),
        balanceStartsAt: null,
        balanceEndsAt: null,
        createdAt: now,
      };
      await ordersRepo.insert(tx, order);
      if (ready.claimId && !(await deps.coupons.use(tx, { claimId: ready.claimId, buyerId, orderId: order.id, now }))) {
        throw new AppError('SALES_COUPON_USED');
      }
      const record = (await ordersRepo.get(tx, order.id))!;
      await batch.emit(tx, record.shopId, record.id, { type: 'order.created', data: orderFacts(record) });
      return {
        status: 201,
        body: { order: toOrder(record, now) },
        afterCommit: () => {
          batch.publish();
          deps.due(order.expiresAt!);
        },
      };
    });
  };
}
