/**
 * Analytics: each show's per-minute series (audience, happenings, sales), its funnel and products,
 * a shop's shows compared and the operator's overview (docs/metrics.md).
 */
export { createAnalytics, defaultAnalyticsOptions, type Analytics, type AnalyticsDeps, type AnalyticsOptions } from './analytics.service';
export { analyticsRoutes } from './analytics.routes';
export type { Happening } from './happenings';
