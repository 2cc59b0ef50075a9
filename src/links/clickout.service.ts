import { randomBytes } from 'node:crypto';
import type { Db } from '../platform/db/db.port';
import { newId } from '../kernel/ids';
import type { LinkScene, Marketplace } from '../contracts/links.schemas';
import { decide } from './policy';
import type { LinkPolicyService } from './policy.service';
import { isSafeTarget } from './recognisers';

export interface ClickTarget {
  shopId: string;
  marketplace: Marketplace;
  canonicalUrl: string;
  enabled: boolean;
}

export type FollowResult = { ok: true; url: string } | { ok: false; reason: 'unknown' | 'disabled' };

const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** 10 characters of a 56-letter alphabet (≈ 58 bits): not guessable in bulk, short enough to share. */
export function newCode(): string {
  const bytes = randomBytes(10);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}
const codeShape = /^[a-zA-Z0-9]{4,32}$/;

/**
 * Click-out links: /go/CODE leads to one external listing from one place (a room's cart), logs the
 * click for attribution (room, listing, viewer, referrer) and redirects. The policy is checked at
 * every click, so a marketplace hidden a second ago no longer leads anywhere.
 */
export interface ClickOutDeps {
  db: Db;
  policy: Pick<LinkPolicyService, 'current'>;
  /** Where a listing leads (catalog context). */
  target: (listingId: string) => Promise<ClickTarget | undefined>;
  /** The show live in a room right now, for attribution (live context); null between shows. */
  liveShowOf?: (roomId: string) => Promise<string | null>;
  /** Told of each logged click from a room (live context: the "going to buy" notice). */
  clicked?: (click: { shopId: string; roomId: string; listingId: string }) => void;
}

export function createClickOut({ db, policy, target, liveShowOf, clicked }: ClickOutDeps) {
  return {
    /** The code for each listing shown in a room's cart scene; made on first use, stable after. */
    async codesFor(shopId: string, roomId: string | null, listingIds: readonly string[], scene: LinkScene = 'cart'): Promise<Map<string, string>> {
      if (listingIds.length === 0) return new Map();
      const read = () =>
        db.query<{ listingId: string; code: string }>(
          `SELECT listing_id AS "listingId", code FROM click_links
           WHERE shop_id = $1 AND room_id IS NOT DISTINCT FROM $2 AND scene = $3 AND listing_id = ANY($4::uuid[])`,
          [shopId, roomId, scene, listingIds],
        );
      const found = new Map((await read()).map((r) => [r.listingId, r.code]));
      const missing = listingIds.filter((id) => !found.has(id));
      for (const listingId of missing) {
        // Two viewers loading a new cart at once: the unique index keeps one code, the other insert is a no-op.
        await db.query(
          `INSERT INTO click_links (code, shop_id, listing_id, room_id, scene) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
          [newCode(), shopId, listingId, roomId, scene],
        );
      }
      if (missing.length === 0) return found;
      return new Map((await read()).map((r) => [r.listingId, r.code]));
    },

    /** Resolves a code and logs the click when it leads somewhere. */
    async follow(code: string, who: { viewerId: string | null; referrer: string | null }): Promise<FollowResult> {
      if (!codeShape.test(code)) return { ok: false, reason: 'unknown' };
      const [link] = await db.query<{ shopId: string; listingId: string; roomId: string | null; scene: LinkScene; disabled: boolean }>(
        `SELECT shop_id AS "shopId", listing_id AS "listingId", room_id AS "roomId", scene, disabled FROM click_links WHERE code = $1`,
        [code],
      );
      if (!link) return { ok: false, reason: 'unknown' };
      const t = await target(link.listingId);
      if (!t || link.disabled || !t.enabled || t.shopId !== link.shopId) return { ok: false, reason: 'disabled' };
      if (decide(policy.current(), t.marketplace, link.scene) !== 'link') return { ok: false, reason: 'disabled' };
      if (!isSafeTarget(t.canonicalUrl)) return { ok: false, reason: 'disabled' };
      const showId = link.roomId && liveShowOf ? await liveShowOf(link.roomId).catch(() => null) : null;
      await db.query(
        `INSERT INTO link_clicks (id, code, shop_id, listing_id, room_id, show_id, viewer_id, referrer) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [newId(), code, link.shopId, link.listingId, link.roomId, showId, who.viewerId, who.referrer?.slice(0, 500) ?? null],
      );
      if (link.roomId) clicked?.({ shopId: link.shopId, roomId: link.roomId, listingId: link.listingId });
      return { ok: true, url: t.canonicalUrl };
    },

    /** Clicks per listing of a shop, for reports and tests. */
    async clicksOf(shopId: string) {
      return db.query<{ listingId: string; roomId: string | null; showId: string | null; viewerId: string | null; referrer: string | null; code: string }>(
        `SELECT listing_id AS "listingId", room_id AS "roomId", show_id AS "showId", viewer_id AS "viewerId", referrer, code
         FROM link_clicks WHERE shop_id = $1 ORDER BY clicked_at, id LIMIT 10000`,
        [shopId],
      );
    },
  };
}

export type ClickOut = ReturnType<typeof createClickOut>;
