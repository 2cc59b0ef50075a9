import { typed } from '../api/client';
import { sdk, type Answer } from '../api/sdk';
import type { PageOf } from '../api/use-pages';

export type Shop = Answer<'/api/v1/ops/shops'>['shops'][number];
export type Overview = Answer<'/api/v1/ops/analytics/overview'>;
export type BusyRoom = Answer<'/api/v1/ops/analytics/rooms'>['rooms'][number];

export const listAllShops = async (after: string | undefined, signal: AbortSignal): Promise<PageOf<Shop>> => {
  const { shops, next } = await typed(sdk.GET('/api/v1/ops/shops', { params: { query: { after } }, signal }), signal);
  return { items: shops, next };
};

/** Across every shop: live now, today's views, orders and GMV. */
export const getOverview = (signal: AbortSignal) => typed(sdk.GET('/api/v1/ops/analytics/overview', { signal }), signal);

/** The busiest rooms now (the first ten). */
export const getBusyRooms = async (signal: AbortSignal): Promise<BusyRoom[]> =>
  (await typed(sdk.GET('/api/v1/ops/analytics/rooms', { params: { query: { limit: 10 } }, signal }), signal)).rooms;
