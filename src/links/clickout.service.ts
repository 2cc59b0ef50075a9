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

/**
 * Where a click-out code leads, or why it leads nowhere. `confirm`: an "other" link whose host the
 * operator has not verified; the viewer is shown the host and asked before going (go.routes.ts).
 * `unsafe`: the stored link no longer passes the safety rules (e.g. a private host).
 */
export type Resolution =
  | { ok: true; url: string; host: string; confirm: boolean; click: ClickRecord }
  | { ok: false; reason: 'unknown' | 'disabled' | 'unsafe' };

/** What is logged when a viewer goes. */
export interface ClickRecord {
  code: string;
  shopId: string;
  listingId: string;
  roomId: string | null;
}

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
  liveShowOf: (roomId: string) => Promise<string | null>;
  /** Whether the operator verified a host ("other" links to it go without the leaving page). */
  isVerifiedHost: (host: string) => Promise<boolean>;
}

/** A click logged from a room's cart. */
export interface RoomClick {
  shopId: string;
  roomId: string;
  listingId: string;
}

export function createClickOut({ db, policy, target, liveShowOf, isVerifiedHost }: ClickOutDeps) {
  const listeners = new Set<(click: RoomClick) => void>();
  return {
    /** Tells `listener` of each click logged from a room on this node (the cart's "going to buy" notices). */
    onClick(listener: (click: RoomClick) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

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
      if (missing.length === 0) return found;
      // One statement for all of them. Two viewers loading a new cart at once: the unique index keeps
      // one code per listing, the other's row is a no-op.
      await db.query(
        `INSERT INTO click_links (code, shop_id, listing_id, room_id, scene)
         SELECT code, $1, listing_id, $2, $3 FROM unnest($4::text[], $5::uuid[]) AS made(code, listing_id)
         ON CONFLICT DO NOTHING`,
        [shopId, roomId, scene, missing.map(() => newCode()), missing],
      );
      return new Map((await read()).map((r) => [r.listingId, r.code]));
    },

    /** Where a code leads now (policy and safety checked at every click); logs nothing. */
    async resolve(code: string): Promise<Resolution> {
      if (!codeShape.test(code)) return { ok: false, reason: 'unknown' };
      const [link] = await db.query<{ shopId: string; listingId: string; roomId: string | null; scene: LinkScene; disabled: boolean }>(
        `SELECT shop_id AS "shopId", listing_id AS "listingId", room_id AS "roomId", scene, disabled FROM click_links WHERE code = $1`,
        [code],
      );
      if (!link) return { ok: false, reason: 'unknown' };
      const t = await target(link.listingId);
      if (!t || link.disabled || !t.enabled || t.shopId !== link.shopId) return { ok: false, reason: 'disabled' };
      if (decide(policy.current(), t.marketplace, link.scene) !== 'link') return { ok: false, reason: 'disabled' };
      if (!isSafeTarget(t.canonicalUrl)) return { ok: false, reason: 'unsafe' };
      const host = new URL(t.canonicalUrl).host;
      const confirm = t.marketplace === 'other' && !(await isVerifiedHost(host));
      return { ok: true, url: t.canonicalUrl, host, confirm, click: { code, shopId: link.shopId, listingId: link.listingId, roomId: link.roomId } };
    },

    /** Logs a click the viewer made (after the rate limit and, for unverified hosts, their consent). */
    async record(click: ClickRecord, who: { viewerId: string | null; referrer: string | null }): Promise<void> {
      const showId = click.roomId ? await liveShowOf(click.roomId).catch(() => null) : null;
      await db.query(
        `INSERT INTO link_clicks (id, code, shop_id, listing_id, room_id, show_id, viewer_id, referrer) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [newId(), click.code, click.shopId, click.listingId, click.roomId, showId, who.viewerId, who.referrer?.slice(0, 500) ?? null],
      );
      const { roomId } = click;
      if (roomId) for (const listener of listeners) listener({ shopId: click.shopId, roomId, listingId: click.listingId });
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
