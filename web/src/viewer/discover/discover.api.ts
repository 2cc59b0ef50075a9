import { typed } from '../../api/client';
import { sdk, type Answer } from '../../api/sdk';

export type ShowList = 'live' | 'upcoming' | 'replays';
export type ShowCard = Answer<'/api/v1/discover/live'>['shows'][number];
export type Follow = Answer<'/api/v1/me/follows'>['follows'][number];

const lists = { live: '/api/v1/discover/live', upcoming: '/api/v1/discover/upcoming', replays: '/api/v1/discover/replays' } as const;

/** Public: a page of shows live now, upcoming or replays; `shops` narrows to those shops' (slugs). */
export const fetchShows = (list: ShowList, o: { limit?: number; after?: string | null; shops?: string[] } = {}, signal?: AbortSignal) => {
  const query = { limit: o.limit ?? 20, after: o.after ?? undefined, shops: o.shops?.join(',') };
  return typed(sdk.GET(lists[list], { params: { query }, signal }), signal);
};

export const fetchShopPage = (slug: string, signal?: AbortSignal) =>
  typed(sdk.GET('/api/v1/shops/by-slug/{slug}', { params: { path: { slug } }, signal }), signal);

export const fetchShopRooms = (slug: string, signal?: AbortSignal) =>
  typed(sdk.GET('/api/v1/shops/by-slug/{slug}/rooms', { params: { path: { slug }, query: { limit: 100 } }, signal }), signal);

/** The logged-in account's follows (the first 100: enough for the home page's badges). */
export const fetchFollows = (signal?: AbortSignal) => typed(sdk.GET('/api/v1/me/follows', { params: { query: { limit: 100 } }, signal }), signal);

export const followShop = (slug: string) => typed(sdk.PUT('/api/v1/me/follows/{slug}', { params: { path: { slug } } }));
export const unfollowShop = async (slug: string): Promise<void> => {
  await typed(sdk.DELETE('/api/v1/me/follows/{slug}', { params: { path: { slug } } }));
};
