import type { RoomBeacon } from '../../../../src/contracts/analytics.schemas';

/**
 * Tells the room's analytics what only this page knows (docs/metrics.md, "The funnel"): the cart
 * opened, a product's sheet opened, the shop followed. Fire and forget: `keepalive` lets it leave
 * even as the page goes, and a lost report never bothers the viewer.
 */
export function reportToRoom(slug: string, beacon: RoomBeacon): void {
  void fetch(`/api/v1/rooms/${encodeURIComponent(slug)}/analytics`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    credentials: 'same-origin',
    keepalive: true,
    body: JSON.stringify(beacon),
  }).catch(() => {});
}
