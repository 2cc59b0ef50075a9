import type { Db } from '../platform/db/db.port';
import type { Clock } from '../kernel/clock';
import { AppError } from '../kernel/app-error';
import { newId } from '../kernel/ids';
import { isUniqueViolation } from '../platform/db/db.errors';
import type { Share, ShareChannel, ShareTarget } from '../contracts/shares.schemas';
import { codesIn, newShareCode, tokenText } from './codes';
import { sharesRepo, type ShareRow } from './shares.repo';
import type { Targets } from './targets';

export interface SharesDeps {
  db: Db;
  clock: Clock;
  targets: Targets;
  /** The show live in a room now (live context), for crediting a visit to it. */
  liveShowOf(roomId: string): Promise<string | null>;
  options: {
    /** HUTONG_PUBLIC_URL, without a trailing slash: every link handed out is absolute. */
    publicUrl: string;
    /** A share leads somewhere this long after it was made (HUTONG_SHARE_TTL_DAYS). */
    ttlMs: number;
  };
}

/** A share that still leads somewhere, with where. */
export interface LiveShare {
  row: ShareRow;
  target: ShareTarget;
  /** The target's page, a path (`/live/SLUG`, `/p/ID`, a listing's `/s/CODE`). */
  path: string;
  /** A listing's marketplace link, while the policy lets the visit go there. */
  outbound?: string | undefined;
}

/** The page a room or product share leads to; a listing's share is its own page (/s/CODE). */
export const targetPath = (t: ShareTarget, code: string): string =>
  t.kind === 'room' ? `/live/${encodeURIComponent(t.slug)}` : t.kind === 'product' ? `/p/${t.id}` : `/s/${code}`;

/**
 * Shares: a code made once per (target, channel, sharer) request, which is at the same time the
 * short link /s/CODE, the core of the token and the QR's payload. A share leads somewhere while it
 * is not expired, not revoked and its target exists; every other case looks the same to a visitor.
 */
/** A share made while a show was live in its room (analytics counts it for the show). */
export interface ShareMade {
  shopId: string;
  roomId: string;
  showId: string;
  sharerId: string | null;
  channel: string;
}

export function createShares({ db, clock, targets, liveShowOf, options }: SharesDeps) {
  const made = new Set<(share: ShareMade) => void>();
  const abs = (path: string) => `${options.publicUrl}${path}`;

  function present(row: ShareRow, target: ShareTarget): Share {
    const api = `/api/v1/shares/${row.code}`;
    return {
      code: row.code,
      url: abs(`/s/${row.code}`),
      token: tokenText(row.code, target),
      qrSvgUrl: abs(`${api}/qr.svg`),
      qrPngUrl: abs(`${api}/qr.png`),
      posterUrl: abs(`${api}/poster.png`),
      channel: row.channel,
      expiresAt: row.expiresAt.toISOString(),
    };
  }

  async function live(code: string): Promise<LiveShare | undefined> {
    const row = await sharesRepo.get(db, code);
    if (!row || row.revokedAt || row.expiresAt <= clock.now()) return undefined;
    const target = await targets.of(row);
    if (!target) return undefined;
    const outbound = target.kind === 'listing' && target.mode === 'link' && row.listingId ? await targets.listingUrl(row.listingId, row.channel) : undefined;
    return { row, target, path: targetPath(target, row.code), outbound };
  }

  return {
    publicUrl: options.publicUrl,
    present,

    /** Tells `listener` of each share made on this node while a show was live in its room, after it is stored. */
    onMade(listener: (share: ShareMade) => void): () => void {
      made.add(listener);
      return () => made.delete(listener);
    },
    live,

    async create(input: { target: { room: string } | { product: string } | { listing: string }; channel: ShareChannel; sharerId: string | null }): Promise<Share> {
      const found = await targets.find(input.target, input.channel);
      if (!found) throw new AppError('SHARES_TARGET_NOT_FOUND');
      const now = clock.now();
      // Made while a show is live in the room: the show's report counts it.
      const showId = found.roomId ? await liveShowOf(found.roomId).catch(() => null) : null;
      // A collision among 2^63.9 codes is all but impossible; one retry covers it anyway.
      for (let attempt = 0; ; attempt++) {
        try {
          const row = await sharesRepo.insert(db, {
            code: newShareCode(), shopId: found.shopId, targetKind: found.target.kind,
            roomId: found.target.kind === 'room' ? found.roomId : null,
            productId: found.target.kind === 'product' ? found.target.id : null,
            listingId: found.target.kind === 'listing' ? found.target.id : null,
            sharerId: input.sharerId, channel: input.channel, createdAt: now, expiresAt: new Date(now.getTime() + options.ttlMs), showId,
          });
          if (showId && found.roomId) for (const l of made) l({ shopId: found.shopId, roomId: found.roomId, showId, sharerId: input.sharerId, channel: input.channel });
          return present(row, found.target);
        } catch (err) {
          if (attempt > 0 || !isUniqueViolation(err)) throw err;
        }
      }
    },

    /** The share of `code` as handed out (QR, poster); SHARES_NOT_FOUND when it leads nowhere. */
    async get(code: string): Promise<Share & { target: ShareTarget }> {
      const found = await live(code);
      if (!found) throw new AppError('SHARES_NOT_FOUND');
      return { ...present(found.row, found.target), target: found.target };
    },

    /**
     * A visit through /s/CODE: recorded (with the show live in the room then) and answered with
     * where to go; undefined when the share leads nowhere.
     */
    async visit(code: string, who: { visitorId: string; viewerId: string | null; count: boolean }): Promise<LiveShare | undefined> {
      const found = await live(code);
      if (!found || !who.count) return found;
      const roomId = found.row.roomId;
      const showId = roomId ? await liveShowOf(roomId).catch(() => null) : null;
      await sharesRepo.insertVisit(db, {
        id: newId(), code, shopId: found.row.shopId, roomId, showId, visitorId: who.visitorId, viewerId: who.viewerId, at: clock.now(),
      });
      return found;
    },

    /** The first share a pasted text carries (a token or a /s/ link) that still leads somewhere. */
    async resolve(text: string): Promise<LiveShare> {
      for (const code of codesIn(text)) {
        const found = await live(code);
        if (found) return found;
      }
      throw new AppError('SHARES_NOT_FOUND');
    },

    /** A shared listing's marketplace link as text (token mode), if the share leads somewhere. */
    async listingText(code: string): Promise<string | undefined> {
      const found = await live(code);
      return found?.row.listingId ? targets.listingText(found.row.listingId) : undefined;
    },

    /** The shop stops a share: its link, token and QR lead nowhere from now on. Idempotent. */
    async revoke(shopId: string, code: string, by: string | null): Promise<ShareRow> {
      const row = await sharesRepo.revoke(db, shopId, code, by, clock.now());
      if (!row) throw new AppError('SHARES_NOT_FOUND');
      return row;
    },
  };
}

export type Shares = ReturnType<typeof createShares>;
