/**
 * Shares (docs/sharing.md): short links /s/CODE, share tokens (口令), QR codes and posters for a
 * room or a product; the visits that come through them (attribution); link-preview pages
 * (/live/SLUG, /p/ID, /s/CODE answer any client with title, og:* and twitter:* tags).
 * Other contexts are reached through what the composition root hands in, never their tables.
 */
import type { Db } from '../platform/db/db.port';
import type { Clock } from '../kernel/clock';
import { createShares } from './shares.service';
import { createTargets, type TargetSources } from './targets';
import { createPreviews, type PreviewSources } from './previews';
import { createShopShares } from './shop-shares';
import { sharesRepo } from './shares.repo';
import { createAttribution } from './attribution';
import { createShareReports } from './share-reports';

export { sharesRoutes } from './shares.routes';
export { pagesRoutes } from './pages.routes';
export { attributionRoutes } from './attribution.routes';
export { VISITOR_COOKIE, SHARE_COOKIE, VIA_COOKIE } from './cookies';
export type { PaidOrder } from './attribution';
export { codesIn, newShareCode, tokenWith } from './codes';
export { card, qrPng, qrSvg, type Picture } from './pictures';
export { createPictureCache } from './picture-cache';
export { previewHtml, previewTags } from './previews';

export interface SharesContextDeps {
  db: Db;
  clock: Clock;
  sources: TargetSources & Omit<PreviewSources, 'publicUrl' | 'products' | 'rooms'>;
  liveShowOf(roomId: string): Promise<string | null>;
  displayNames(ids: readonly string[]): Promise<Map<string, string>>;
  options: { publicUrl: string; ttlMs: number; attributionMs: number; createPerMinute: number };
}

export function createSharesContext({ db, clock, sources, liveShowOf, displayNames, options }: SharesContextDeps) {
  const targets = createTargets(sources);
  const shares = createShares({ db, clock, targets, liveShowOf, options });
  const previews = createPreviews({ ...sources, publicUrl: options.publicUrl });
  const shopShares = createShopShares({ db, targets, displayNames });
  const attribution = createAttribution({ db, clock, rooms: sources.rooms, liveShowOf, windowMs: options.attributionMs });
  const reports = createShareReports({ db, displayNames });
  return {
    shares,
    attribution,
    reports,
    previews,
    shopShares,
    options,
    /** Visits through one share, oldest first (tests, reports). */
    visitsOf: (code: string) => sharesRepo.visitsOf(db, code),
  };
}

export type SharesContext = ReturnType<typeof createSharesContext>;
