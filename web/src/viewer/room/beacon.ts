import { sdk, type Body } from '../../api/sdk';

export type RoomBeacon = Body<'/api/v1/rooms/{slug}/analytics', 'post'>;

/**
 * Tells the room's analytics what only this page knows (docs/metrics.md, "The funnel"): the cart
 * opened, a product's sheet opened, the shop followed. Fire and forget: `keepalive` lets it leave
 * even as the page goes, and a lost report never bothers the viewer.
 */
export function reportToRoom(slug: string, beacon: RoomBeacon): void {
  sdk.POST('/api/v1/rooms/{slug}/analytics', { params: { path: { slug } }, body: beacon, keepalive: true }).catch(() => {});
}
