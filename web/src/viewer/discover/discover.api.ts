import {
  followAnswer,
  followsAnswer,
  roomCardsAnswer,
  shopPageAnswer,
  showCardsAnswer,
} from '../../../../src/contracts/discovery.schemas';
import { api } from '../../api/client';

export type ShowList = 'live' | 'upcoming' | 'replays';

/** Public: a page of shows live now, upcoming or replays; `shops` narrows to those shops' (slugs). */
export const fetchShows = (list: ShowList, o: { limit?: number; after?: string | null; shops?: string[] } = {}, signal?: AbortSignal) => {
  const q = new URLSearchParams({ limit: String(o.limit ?? 20) });
  if (o.after) q.set('after', o.after);
  if (o.shops) q.set('shops', o.shops.join(','));
  return api.get(`/api/v1/discover/${list}?${q}`, showCardsAnswer, signal);
};

export const fetchShopPage = (slug: string, signal?: AbortSignal) => api.get(`/api/v1/shops/by-slug/${encodeURIComponent(slug)}`, shopPageAnswer, signal);

export const fetchShopRooms = (slug: string, signal?: AbortSignal) =>
  api.get(`/api/v1/shops/by-slug/${encodeURIComponent(slug)}/rooms?limit=100`, roomCardsAnswer, signal);

/** The logged-in account's follows (the first 100: enough for the home page's badges). */
export const fetchFollows = (signal?: AbortSignal) => api.get('/api/v1/me/follows?limit=100', followsAnswer, signal);

export const followShop = (slug: string) => api.put(`/api/v1/me/follows/${encodeURIComponent(slug)}`, followAnswer);
export const unfollowShop = (slug: string) => api.delete(`/api/v1/me/follows/${encodeURIComponent(slug)}`);
