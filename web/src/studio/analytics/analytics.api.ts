import {
  explainWindowsAnswer, productFunnelsAnswer, sharersAnswer, showReportAnswer, showSeriesAnswer, showSummariesAnswer,
  type ShowMinute, type ShowReport,
} from '../../../../src/contracts/analytics.schemas';
import type { z } from 'zod';
import { showReplayAnswer } from '../../../../src/contracts/media.schemas';
import { api } from '../../api/client';
import { withCursor, type PageOf } from '../../api/use-pages';

/** The analytics API of a shop's shows (docs/metrics.md). */
const showPath = (shopId: string, showId: string) => `/api/v1/shops/${encodeURIComponent(shopId)}/analytics/shows/${encodeURIComponent(showId)}`;

export type ProductFunnel = z.infer<typeof productFunnelsAnswer>['products'][number];
export type ExplainWindow = z.infer<typeof explainWindowsAnswer>['explains'][number];
export type Sharer = z.infer<typeof sharersAnswer>['sharers'][number];
export type ShowSummary = z.infer<typeof showSummariesAnswer>['shows'][number];

export const seriesCsvUrl = (shopId: string, showId: string) => `${showPath(shopId, showId)}/series.csv`;

export const getReport = (shopId: string, showId: string, signal?: AbortSignal): Promise<ShowReport> =>
  api.get(showPath(shopId, showId), showReportAnswer, signal);

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
    const { minutes, next } = await api.get(withCursor(`${showPath(shopId, showId)}/series?limit=100`, after), showSeriesAnswer, signal);
    return { items: minutes, next };
  });

export const getProducts = (shopId: string, showId: string, signal?: AbortSignal): Promise<ProductFunnel[]> =>
  all(async (after) => {
    const { products, next } = await api.get(withCursor(`${showPath(shopId, showId)}/products?limit=100`, after), productFunnelsAnswer, signal);
    return { items: products, next };
  });

export const getExplains = (shopId: string, showId: string, signal?: AbortSignal): Promise<ExplainWindow[]> =>
  all(async (after) => {
    const { explains, next } = await api.get(withCursor(`${showPath(shopId, showId)}/explains?limit=100`, after), explainWindowsAnswer, signal);
    return { items: explains, next };
  });

export const listSharers = async (shopId: string, showId: string, after: string | undefined, signal: AbortSignal): Promise<PageOf<Sharer>> => {
  const { sharers, next } = await api.get(withCursor(`${showPath(shopId, showId)}/sharers?limit=10`, after), sharersAnswer, signal);
  return { items: sharers, next };
};

export const listShowSummaries = async (shopId: string, after: string | undefined, signal: AbortSignal): Promise<PageOf<ShowSummary>> => {
  const { shows, next } = await api.get(withCursor(`/api/v1/shops/${encodeURIComponent(shopId)}/analytics/shows`, after), showSummariesAnswer, signal);
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
export const getReplay = (shopId: string, roomId: string, showId: string, signal?: AbortSignal) =>
  api
    .get(`/api/v1/shops/${encodeURIComponent(shopId)}/rooms/${encodeURIComponent(roomId)}/shows/${encodeURIComponent(showId)}/replay`, showReplayAnswer, signal)
    .then((a) => a.replay);
