import type { FlashSale, Presale, RoomFlashSale } from '../../contracts/sales-campaigns.schemas';
import type { CampaignRecord } from './campaigns.repo';

const base = (c: CampaignRecord) => ({
  id: c.id,
  roomId: c.roomId,
  productId: c.productId,
  skuId: c.skuId,
  title: c.title,
  skuLabel: c.skuLabel,
  imageUrl: c.imageUrl,
  currency: c.currency,
  priceMinor: c.priceMinor,
  listPriceMinor: c.listPriceMinor,
  units: c.units,
  sold: c.sold,
  perBuyerLimit: c.perBuyerLimit,
  startsAt: c.startsAt.toISOString(),
  endsAt: c.endsAt.toISOString(),
  createdAt: c.createdAt.toISOString(),
});

export const toFlashSale = (c: CampaignRecord): FlashSale => ({ ...base(c), state: c.state as FlashSale['state'] });

export const toPresale = (c: CampaignRecord): Presale => ({
  ...base(c),
  state: c.state as Presale['state'],
  depositMinor: c.depositMinor!,
  depositWorthMinor: c.depositWorthMinor!,
  balanceMinor: c.priceMinor - c.depositWorthMinor!,
  balanceStartsAt: c.balanceStartsAt!.toISOString(),
  balanceEndsAt: c.balanceEndsAt!.toISOString(),
  missedBalance: c.missedBalance!,
});

export const toRoomFlashSale = (c: CampaignRecord): RoomFlashSale => ({
  id: c.id,
  productId: c.productId,
  skuId: c.skuId,
  title: c.title,
  skuLabel: c.skuLabel,
  imageUrl: c.imageUrl,
  currency: c.currency,
  priceMinor: c.priceMinor,
  listPriceMinor: c.listPriceMinor,
  units: c.units,
  left: c.units - c.sold,
  perBuyerLimit: c.perBuyerLimit,
  startsAt: c.startsAt.toISOString(),
  endsAt: c.endsAt.toISOString(),
});
