import type { Db } from '../platform/db/db.port';
import type { Clock } from '../kernel/clock';
import { formatMinor } from '../kernel/money';
import type { GiftWhat } from '../contracts/gifts.schemas';
import { card, createPictureCache } from '../shares';
import { giftsRepo, type GiftRow } from './gifts.repo';

/** What a pasted /g/CODE shows in a chat app: the tags of shares' previewHtml(). */
export interface GiftPreview {
  title: string;
  description: string;
  pageUrl: string;
  imageUrl: string;
  type: 'website';
}

const OWN_IMAGE = /^\/api\/v1\/images\/([0-9a-f-]{36})$/;
const symbols: Record<string, string> = { CNY: '¥', USD: '$', EUR: '€' };
const money = (what: GiftWhat, minor: number) => `${symbols[what.currency] ?? `${what.currency} `}${formatMinor(minor)}`;

/** The value on the card's badge: "¥10.00 券", "9 折 券" (coupons), "礼物 GIFT" (a product). */
function badgeOf(row: GiftRow): string {
  const w = row.what;
  if (row.kind === 'product') return '礼物 GIFT';
  if (w.valueMinor !== null) return `${money(w, w.valueMinor)} 券`;
  if (w.percentBp !== null) return `${(10 - w.percentBp / 1000).toFixed(1).replace(/\.0$/, '')} 折 券`;
  return '礼物 GIFT';
}

/**
 * Link previews of gifts: /g/CODE answers any client with a title, og:* and twitter:* tags naming
 * the gift and its sender, and a 1200 × 630 card (the product's picture, or a plain one for a
 * coupon) at /api/v1/gifts/CODE/card.png. The code is the gift's bearer secret: the preview says
 * only what the claim page shows anyone holding it (what, from whom, still open or not).
 */
export function createGiftPreviews(deps: {
  db: Db;
  clock: Clock;
  publicUrl: string;
  displayNames(ids: readonly string[]): Promise<Map<string, string>>;
  /** An uploaded image's bytes (catalog), for the card's cover. */
  image?: ((id: string) => Promise<{ bytes: Buffer; contentType: string } | undefined>) | undefined;
}) {
  const abs = (path: string) => `${deps.publicUrl}${path}`;
  const pictures = createPictureCache({ entries: 100, ttlMs: 60_000 });
  const senderOf = async (row: GiftRow) => (await deps.displayNames([row.senderId])).get(row.senderId) || 'hutong';

  return {
    async preview(code: string): Promise<GiftPreview | undefined> {
      const row = await giftsRepo.byCode(deps.db, code);
      if (!row) return undefined;
      const sender = await senderOf(row);
      const open = row.state === 'open' && row.expiresAt > deps.clock.now();
      const state = open ? '点开领取 · open it to claim' : row.state === 'claimed' ? '已被领取 · already claimed' : '已过期 · no longer claimable';
      const what = `${row.what.title}${row.what.detail ? `（${row.what.detail}）` : ''}`;
      return {
        title: `${sender} 送你一份礼物：${row.what.title}`,
        description: `${badgeOf(row)} · ${what}${row.message ? ` · “${row.message}”` : ''} · ${state}`,
        pageUrl: abs(`/g/${row.code}`),
        imageUrl: abs(`/api/v1/gifts/${row.code}/card.png`),
        type: 'website',
      };
    },

    /** The card behind og:image; undefined for an unknown code. */
    async card(code: string): Promise<Buffer | undefined> {
      const row = await giftsRepo.byCode(deps.db, code);
      if (!row) return undefined;
      return pictures.get(`gift:${row.code}`, async () => {
        const imageId = row.what.imageUrl ? OWN_IMAGE.exec(row.what.imageUrl)?.[1] : undefined;
        const cover = imageId && deps.image ? ((await deps.image(imageId).catch(() => undefined)) ?? null) : null;
        return card({ title: row.what.title, subtitle: `${await senderOf(row)} 送你的礼物 · a gift on hutong`, badge: badgeOf(row), cover });
      });
    },
  };
}

export type GiftPreviews = ReturnType<typeof createGiftPreviews>;
