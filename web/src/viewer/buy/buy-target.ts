import type { ViewerCartItem } from '../../../../src/contracts/cart.schemas';
import type { Presale, RoomFlashSale } from '../../../../src/contracts/sales-campaigns.schemas';

/**
 * What is being bought: an item of the cart at its price, a flash sale at its price and limit, or a
 * presale's deposit (the balance is paid later, from the order's page).
 */
export type BuyTarget =
  | { kind: 'item'; item: ViewerCartItem; chosen: Record<string, string> }
  | { kind: 'flash'; sale: RoomFlashSale }
  | { kind: 'presale'; presale: Presale };
