import { roomsAnswer } from '../../../src/contracts/live.schemas';
import { showsAnswer } from '../../../src/contracts/media.schemas';
import { shareReportAnswer, shopShareAnswer, shopSharesAnswer } from '../../../src/contracts/shares.schemas';
import { api } from '../api/client';
import { withCursor } from '../api/use-pages';

/** The shop's shares: the funnel report, the list with revocation, and the rooms' shows to pick one. */
const shopPath = (shopId: string) => `/api/v1/shops/${encodeURIComponent(shopId)}`;

export const fetchShareReport = (shopId: string, showId: string | null, signal: AbortSignal) =>
  api.get(`${shopPath(shopId)}/shares/report${showId ? `?showId=${encodeURIComponent(showId)}` : ''}`, shareReportAnswer, signal);

export const listShopShares = async (shopId: string, after: string | undefined, signal: AbortSignal) => {
  const { shares, next } = await api.get(withCursor(`${shopPath(shopId)}/shares`, after), shopSharesAnswer, signal);
  return { items: shares, next };
};

export const revokeShare = async (shopId: string, code: string) =>
  (await api.post(`${shopPath(shopId)}/shares/${encodeURIComponent(code)}/revoke`, undefined, shopShareAnswer)).share;

/** The shop's rooms and each one's latest shows (first pages): enough to pick a show to report on. */
export async function fetchShowChoices(shopId: string, signal: AbortSignal) {
  const { rooms } = await api.get(`${shopPath(shopId)}/rooms?limit=20`, roomsAnswer, signal);
  const perRoom = await Promise.all(
    rooms.map(async (room) => ({
      room,
      shows: (await api.get(`${shopPath(shopId)}/rooms/${room.id}/shows?limit=20`, showsAnswer, signal)).shows.filter((s) => s.state !== 'scheduled'),
    })),
  );
  return perRoom.filter((r) => r.shows.length > 0);
}
