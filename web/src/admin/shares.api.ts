import { typed } from '../api/client';
import { sdk, type Answer } from '../api/sdk';

/** The shop's shares: the funnel report, the list with revocation, and the rooms' shows to pick one. */
const shop = (shopId: string) => ({ path: { shopId } });

export type ShareReport = Answer<'/api/v1/shops/{shopId}/shares/report'>;
export type ShopShare = Answer<'/api/v1/shops/{shopId}/shares'>['shares'][number];

export const fetchShareReport = (shopId: string, showId: string | null, signal: AbortSignal) =>
  typed(sdk.GET('/api/v1/shops/{shopId}/shares/report', { params: { ...shop(shopId), query: { showId: showId ?? undefined } }, signal }), signal);

export const listShopShares = async (shopId: string, after: string | undefined, signal: AbortSignal) => {
  const { shares, next } = await typed(sdk.GET('/api/v1/shops/{shopId}/shares', { params: { ...shop(shopId), query: { after } }, signal }), signal);
  return { items: shares, next };
};

export const revokeShare = async (shopId: string, code: string) =>
  (await typed(sdk.POST('/api/v1/shops/{shopId}/shares/{code}/revoke', { params: { path: { shopId, code } } }))).share;

/** The shop's rooms and each one's latest shows (first pages): enough to pick a show to report on. */
export async function fetchShowChoices(shopId: string, signal: AbortSignal) {
  const { rooms } = await typed(sdk.GET('/api/v1/shops/{shopId}/rooms', { params: { ...shop(shopId), query: { limit: 20 } }, signal }), signal);
  const perRoom = await Promise.all(
    rooms.map(async (room) => {
      const params = { path: { shopId, roomId: room.id }, query: { limit: 20 } };
      const { shows } = await typed(sdk.GET('/api/v1/shops/{shopId}/rooms/{roomId}/shows', { params, signal }), signal);
      return { room, shows: shows.filter((s) => s.state !== 'scheduled') };
    }),
  );
  return perRoom.filter((r) => r.shows.length > 0);
}
