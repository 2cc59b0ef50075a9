import { typed } from '../../api/client';
import { sdk, type Answer } from '../../api/sdk';
import type { PageOf } from '../../api/use-pages';

/** The analytics API of a shop's shows (docs/metrics.md). */
type ShowPath = '/api/v1/shops/{shopId}/analytics/shows/{showId}';
export type ShowReport = Answer<ShowPath>;
export type ShowMinute = Answer<`${ShowPath}/series`>['minutes'][number];
export type ProductFunnel = Answer<`${ShowPath}/products`>['products'][number];
export type ExplainWindow = Answer<`${ShowPath}/explains`>['explains'][number];
export type Sharer = Answer<`${ShowPath}/sharers`>['sharers'][number];
export type ShowSummary = Answer<'/api/v1/shops/{shopId}/analytics/shows'>['shows'][number];

const show = (shopId: string, showId: string) => ({ path: { shopId, showId } });

/** A link, not a call: the browser downloads the CSV itself. */
export const seriesCsvUrl = (shopId: string, showId: string) =>
  `/api/v1/shops/${encodeURIComponent(shopId)}/analytics/shows/${encodeURIComponent(showId)}/series.csv`;

export const getReport = (shopId: string, showId: string, signal?: AbortSignal): Promise<ShowReport> =>
  typed(sdk.GET('/api/v1/shops/{shopId}/analytics/shows/{showId}', { params: show(shopId, showId), signal }), signal);

/** Every page of a list (a show's minutes, products, windows: a few hundred at most). */
async function all<T>(load: (after: string | undefined) => Promise<{ items: T[]; next: string | null }>): Promise<T[]> {
  const out: T[] = [];
  let after: string | undefined;
  do {
    const page = await load(after);
    out.push(...page.items);
    after = page.next ?? undefined;
  } while (after);
  return out;
}

export const getSeries = (shopId: string, showId: string, signal?: AbortSignal): Promise<ShowMinute[]> =>
  all(async (after) => {
    const query = { limit: 100, after };
    const { minutes, next } = await typed(sdk.GET('/api/v1/shops/{shopId}/analytics/shows/{showId}/series', { params: { ...show(shopId, showId), query }, signal }), signal);
    return { items: minutes, next };
  });

export const getProducts = (shopId: string, showId: string, signal?: AbortSignal): Promise<ProductFunnel[]> =>
  all(async (after) => {
    const query = { limit: 100, after };
    const { products, next } = await typed(sdk.GET('/api/v1/shops/{shopId}/analytics/shows/{showId}/products', { params: { ...show(shopId, showId), query }, signal }), signal);
    return { items: products, next };
  });

export const getExplains = (shopId: string, showId: string, signal?: AbortSignal): Promise<ExplainWindow[]> =>
  all(async (after) => {
    const query = { limit: 100, after };
    const { explains, next } = await typed(sdk.GET('/api/v1/shops/{shopId}/analytics/shows/{showId}/explains', { params: { ...show(shopId, showId), query }, signal }), signal);
    return { items: explains, next };
  });

export const listSharers = async (shopId: string, showId: string, after: string | undefined, signal: AbortSignal): Promise<PageOf<Sharer>> => {
  const query = { limit: 10, after };
  const { sharers, next } = await typed(sdk.GET('/api/v1/shops/{shopId}/analytics/shows/{showId}/sharers', { params: { ...show(shopId, showId), query }, signal }), signal);
  return { items: sharers, next };
};

export const listShowSummaries = async (shopId: string, after: string | undefined, signal: AbortSignal): Promise<PageOf<ShowSummary>> => {
  const { shows, next } = await typed(sdk.GET('/api/v1/shops/{shopId}/analytics/shows', { params: { path: { shopId }, query: { after } }, signal }), signal);
  return { items: shows, next };
};

/** Everything of a show, for the JSON export. */
export async function reportDocument(shopId: string, showId: string) {
  const [report, minutes, products, explains] = await Promise.all([
    getReport(shopId, showId), getSeries(shopId, showId), getProducts(shopId, showId), getExplains(shopId, showId),
  ]);
  return { ...report, minutes, products, explains };
}

/** A show's replay and its chapters, or null while it has no recording (media's API). */
export const getReplay = async (shopId: string, roomId: string, showId: string, signal?: AbortSignal) =>
  (await typed(sdk.GET('/api/v1/shops/{shopId}/rooms/{roomId}/shows/{showId}/replay', { params: { path: { shopId, roomId, showId } }, signal }), signal)).replay;
