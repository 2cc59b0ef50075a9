import { typed } from '../../api/client';
import { sdk, type Answer, type Body } from '../../api/sdk';
import type { PageOf } from '../../api/use-pages';

export type Show = Answer<'/api/v1/shops/{shopId}/rooms/{roomId}/shows'>['shows'][number];
export type IngestStatus = Answer<'/api/v1/shops/{shopId}/rooms/{roomId}/ingest'>['ingest'];

const room = (shopId: string, roomId: string) => ({ path: { shopId, roomId } });
const show = (shopId: string, roomId: string, showId: string) => ({ path: { shopId, roomId, showId } });

export const revealStreamKey = (shopId: string, roomId: string, signal?: AbortSignal) =>
  typed(sdk.GET('/api/v1/shops/{shopId}/rooms/{roomId}/stream-key', { params: room(shopId, roomId), signal }), signal);

export const rotateStreamKey = (shopId: string, roomId: string) =>
  typed(sdk.POST('/api/v1/shops/{shopId}/rooms/{roomId}/stream-key/rotate', { params: room(shopId, roomId) }));

export const fetchIngest = (shopId: string, roomId: string, signal?: AbortSignal) =>
  typed(sdk.GET('/api/v1/shops/{shopId}/rooms/{roomId}/ingest', { params: room(shopId, roomId), signal }), signal);

export const listShows = async (shopId: string, roomId: string, after: string | undefined, signal: AbortSignal): Promise<PageOf<Show>> => {
  const { shows, next } = await typed(sdk.GET('/api/v1/shops/{shopId}/rooms/{roomId}/shows', { params: { ...room(shopId, roomId), query: { after } }, signal }), signal);
  return { items: shows, next };
};

export const scheduleShow = async (shopId: string, roomId: string, body: Body<'/api/v1/shops/{shopId}/rooms/{roomId}/shows', 'post'>) =>
  (await typed(sdk.POST('/api/v1/shops/{shopId}/rooms/{roomId}/shows', { params: room(shopId, roomId), body }))).show;

export const cancelShow = async (shopId: string, roomId: string, showId: string) =>
  (await typed(sdk.POST('/api/v1/shops/{shopId}/rooms/{roomId}/shows/{showId}/cancel', { params: show(shopId, roomId, showId) }))).show;

export const endShow = async (shopId: string, roomId: string, showId: string) =>
  (await typed(sdk.POST('/api/v1/shops/{shopId}/rooms/{roomId}/shows/{showId}/end', { params: show(shopId, roomId, showId) }))).show;
