import { createContext, useContext } from 'react';
import type { ViewerCartItem } from '../../../../src/contracts/cart.schemas';

/**
 * How a "Buy" button anywhere in a room (cart list, product sheet, explaining card) opens the buy
 * sheet: the room provides it, so the sheet is the room's and an embedded room gets it too.
 * Without a provider (a page that only lists items) the button stays disabled.
 */
export type Buy = (item: ViewerCartItem, chosen?: Record<string, string>) => void;
export const BuyContext = createContext<Buy | null>(null);

export const useBuy = () => useContext(BuyContext);
