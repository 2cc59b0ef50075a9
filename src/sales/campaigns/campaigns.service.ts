import type { Db } from '../../platform/db/db.port';
import { keyset, mapPage, type KeysetRow, type Page } from '../../platform/db/keyset';
import type { PageQuery } from '../../contracts/pagination.schemas';
import type { Clock } from '../../kernel/clock';
import { AppError } from '../../kernel/app-error';
import { newId } from '../../kernel/ids';
import type { Product } from '../../contracts/catalog.schemas';
import type { CreateFlashSaleBody, CreatePresaleBody } from '../../contracts/sales-campaigns.schemas';
import type { Stock } from '../../catalog';
import type { SalesEvents } from '../events';
import { snapshotLine } from '../orders/snapshot';
import { campaignColumns, campaignFromRow, campaignsRepo, type CampaignKind, type CampaignRecord } from './campaigns.repo';
import { campaignFacts, type CampaignClock } from './campaign-clock';

export interface CampaignsDeps {
  db: Db;
  clock: Clock;
  events: SalesEvents;
  products: { get(shopId: string, id: string): Promise<Product> };
  stock: Pick<Stock, 'take'>;
  rooms: { byId(id: string): Promise<{ id: string; shopId: string }> };
  lifecycle: CampaignClock;
  due: (at: Date) => void;
}

/**
 * Flash sales and presales: created with units taken from the product's stock in the same
 * transaction (not enough stock: SALES_OUT_OF_STOCK, nothing held), listed, cancelled. What time does
 * to them (open, close, the balance window) is campaign-clock.ts.
 */
export function createCampaigns(deps: CampaignsDeps) {
  const { db, clock } = deps;

  async function roomOfShop(shopId: string, roomId: string | null): Promise<string | null> {
    if (!roomId) return null;
    const room = await deps.rooms.byId(roomId);
    if (room.shopId !== shopId) throw new AppError('LIVE_ROOM_NOT_FOUND');
    return room.id;
  }

  async function snapshot(shopId: string, productId: string, skuId: string | null) {
    let product: Product;
    try {
      product = await deps.products.get(shopId, productId);
    } catch (err) {
      if (err instanceof AppError && err.code === 'CATALOG_PRODUCT_NOT_FOUND') throw new AppError('SALES_PRODUCT_NOT_FOUND');
      throw err;
    }
    return { ...snapshotLine(product, skuId, 1), currency: product.currency };
  }

  async function create(c: CampaignRecord): Promise<CampaignRecord> {
    const batch = deps.events.batch();
    await db.transaction(async (tx) => {
      const taken = await deps.stock.take(tx, c.shopId, [{ productId: c.productId, skuId: c.skuId, quantity: c.units }]);
      if (!taken.ok) throw new AppError('SALES_OUT_OF_STOCK', 'The product has fewer units in stock than the campaign would hold.');
      await campaignsRepo.insert(tx, c);
      if (c.state === 'live' || c.state === 'deposit') await batch.emit(tx, c.shopId, c.id, { type: 'sale.started', data: campaignFacts(c) });
    });
    batch.publish();
    deps.due(c.state === 'scheduled' ? c.startsAt : c.endsAt);
    if (c.state === 'live') await deps.lifecycle.opened(c);
    return c;
  }

  return {
    async createFlashSale(shopId: string, body: CreateFlashSaleBody): Promise<CampaignRecord> {
      const roomId = await roomOfShop(shopId, body.roomId);
      const line = await snapshot(shopId, body.productId, body.skuId);
      const now = clock.now();
      const startsAt = body.startsAt ? new Date(body.startsAt) : now;
      if (startsAt.getTime() < now.getTime() - 60_000) throw new AppError('HTTP_VALIDATION_FAILED', 'startsAt is in the past.');
      return create({
        id: newId(), shopId, kind: 'flash', roomId, productId: body.productId, skuId: body.skuId, title: line.title,
        skuLabel: line.skuLabel, imageUrl: line.imageUrl, currency: line.currency,
        priceMinor: body.priceMinor, listPriceMinor: line.unitPriceMinor, units: body.units, sold: 0, perBuyerLimit: body.perBuyerLimit,
        startsAt, endsAt: new Date(startsAt.getTime() + body.durationMinutes * 60_000), state: startsAt <= now ? 'live' : 'scheduled',
        depositMinor: null, depositWorthMinor: null, balanceStartsAt: null, balanceEndsAt: null, missedBalance: null, createdAt: now,
      });
    },

    async createPresale(shopId: string, body: CreatePresaleBody): Promise<CampaignRecord> {
      const roomId = await roomOfShop(shopId, body.roomId);
      const line = await snapshot(shopId, body.productId, body.skuId);
      const now = clock.now();
      const startsAt = body.depositStartsAt ? new Date(body.depositStartsAt) : now;
      const [endsAt, balanceStartsAt, balanceEndsAt] = [body.depositEndsAt, body.balanceStartsAt, body.balanceEndsAt].map((d) => new Date(d)) as [Date, Date, Date];
      if (!(startsAt < endsAt && endsAt <= balanceStartsAt && balanceStartsAt < balanceEndsAt)) {
        throw new AppError('HTTP_VALIDATION_FAILED', 'The windows must follow each other: deposit start < deposit end ≤ balance start < balance end.');
      }
      if (!(body.depositMinor <= body.depositWorthMinor && body.depositWorthMinor <= body.priceMinor)) {
        throw new AppError('HTTP_VALIDATION_FAILED', 'The deposit must be at most what it is worth, and that at most the price.');
      }
      return create({
        id: newId(), shopId, kind: 'presale', roomId, productId: body.productId, skuId: body.skuId, title: line.title,
        skuLabel: line.skuLabel, imageUrl: line.imageUrl, currency: line.currency,
        priceMinor: body.priceMinor, listPriceMinor: line.unitPriceMinor, units: body.units, sold: 0, perBuyerLimit: body.perBuyerLimit,
        startsAt, endsAt, state: startsAt <= now ? 'deposit' : 'scheduled', depositMinor: body.depositMinor,
        depositWorthMinor: body.depositWorthMinor, balanceStartsAt, balanceEndsAt, missedBalance: body.missedBalance, createdAt: now,
      });
    },

    /** One of the shop's campaigns of this kind; another shop's is not found. */
    async get(shopId: string, kind: CampaignKind, id: string): Promise<CampaignRecord> {
      const c = await campaignsRepo.get(db, id);
      if (!c || c.shopId !== shopId || c.kind !== kind) throw new AppError('SALES_CAMPAIGN_NOT_FOUND');
      return c;
    },

    /** The shop's campaigns of a kind, newest first, a page at a time. */
    async list(shopId: string, kind: CampaignKind, q: PageQuery): Promise<Page<CampaignRecord>> {
      const ks = keyset(q, { key: 'created_at', keyType: 'timestamptz', descending: true }, 3);
      const rows = await db.query<Record<string, unknown> & KeysetRow>(
        `SELECT ${campaignColumns}, ${ks.keyColumns} FROM sale_campaigns WHERE shop_id = $1 AND kind = $2 ${ks.where} ${ks.orderLimit}`,
        [shopId, kind, ...ks.params],
      );
      return mapPage(ks.page(rows), campaignFromRow);
    },

    /** A room's campaigns its viewers can see: flash sales live or starting within a day, presales taking deposits. */
    async inRoom(roomId: string): Promise<CampaignRecord[]> {
      const now = clock.now();
      const rows = await db.query(
        `SELECT ${campaignColumns} FROM sale_campaigns
          WHERE room_id = $1 AND state IN ('scheduled', 'live', 'deposit') AND ends_at > $2 AND starts_at < $3
          ORDER BY starts_at LIMIT 20`,
        [roomId, now, new Date(now.getTime() + 86_400_000)],
      );
      return rows.map(campaignFromRow);
    },

    /** Stops a campaign that still sells: the units not sold go back to the stock; orders made stand. */
    async cancel(shopId: string, kind: CampaignKind, id: string): Promise<CampaignRecord> {
      const c = await this.get(shopId, kind, id);
      return deps.lifecycle.cancel(c);
    },
  };
}

export type Campaigns = ReturnType<typeof createCampaigns>;
