/**
 * What an embedded room tells the page around it, by postMessage (the iframe) and as DOM events on
 * `<hutong-live>` (embed.js re-dispatches them as `hutong:<event>`). docs/embed.md lists them; they
 * are public facts of the room, except `item.opened`, `buy.started` and `order.*`, which only this viewer did.
 */
export type HostEvent =
  | { event: 'ready'; detail: { room: string } }
  | { event: 'live.started'; detail: { room: string; showId: string } }
  | { event: 'live.ended'; detail: { room: string; showId: string } }
  | { event: 'item.pinned'; detail: { room: string; itemId: string; number: number; title: string } }
  | { event: 'item.opened'; detail: { room: string; itemId: string; number: number; title: string } }
  | { event: 'buy.started'; detail: { room: string; productId: string | null; title: string; itemId?: string; saleId?: string } }
  | { event: 'order.placed'; detail: { room: string; orderId: string } }
  | { event: 'order.paid'; detail: { room: string; orderId: string } };

/** Every message an embedded room posts carries this mark, so a host page can tell them apart. */
export const HOST_MESSAGE_MARK = 'hutong';

/**
 * The origin of the page this room is framed by, or undefined when it is not framed. The browser
 * already refused any origin the shop did not list (frame-ancestors), so this is one of those.
 */
export function hostOrigin(): string | undefined {
  if (window.parent === window) return undefined;
  const ancestor = location.ancestorOrigins?.[0];
  if (ancestor) return ancestor;
  try {
    return document.referrer ? new URL(document.referrer).origin : undefined;
  } catch {
    return undefined;
  }
}

/** Posts one event to the framing page, at its origin only (never `*`: an order id is the buyer's). */
export function postToHost(message: HostEvent, origin = hostOrigin()): void {
  if (!origin || origin === 'null') return;
  window.parent.postMessage({ [HOST_MESSAGE_MARK]: 1, ...message }, origin);
}
