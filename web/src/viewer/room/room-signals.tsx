import { createContext, useContext } from 'react';

/**
 * What a viewer did in the room that the page around an embedded room may want to hear of: an item
 * opened, an item chosen to buy (hutong's "added to cart": the buy sheet holds one item), an order
 * placed, then paid. The plain room ignores them; /embed/ROOM passes them to its host page
 * (web/src/embed). Components call `useRoomSignals()` and never know which.
 */
export interface RoomSignals {
  itemOpened(item: { id: string; number: number; title: string }): void;
  /** `productId` null: a marketplace listing (bought elsewhere, not through this sheet). */
  buyStarted(what: { productId: string | null; title: string; itemId?: string; saleId?: string }): void;
  orderPlaced(order: { orderId: string }): void;
  orderPaid(order: { orderId: string }): void;
}

const ignore: RoomSignals = { itemOpened() {}, buyStarted() {}, orderPlaced() {}, orderPaid() {} };

export const RoomSignalsContext = createContext<RoomSignals>(ignore);

export const useRoomSignals = (): RoomSignals => useContext(RoomSignalsContext);
