import type { GiftView, SentGift } from '../contracts/gifts.schemas';
import { tokenWith } from '../shares';
import type { GiftRow } from './gifts.repo';

/** Where a gift's code leads: the claim page /g/CODE (the web app's), its QR pictures under the API. */
export function createPresenter(publicUrl: string) {
  const abs = (path: string) => `${publicUrl}${path}`;
  const url = (code: string) => abs(`/g/${code}`);

  return {
    url,

    /** The sender's view: the gift, its state, who claimed it, and the link, token and QR to pass it on. */
    sent(row: GiftRow, names: Map<string, string>): SentGift {
      return {
        id: row.id,
        code: row.code,
        kind: row.kind,
        state: row.state,
        what: row.what,
        message: row.message,
        url: url(row.code),
        token: tokenWith(row.code, '领取礼物', row.what.title),
        qrSvgUrl: abs(`/api/v1/gifts/${row.code}/qr.svg`),
        qrPngUrl: abs(`/api/v1/gifts/${row.code}/qr.png`),
        createdAt: row.createdAt.toISOString(),
        expiresAt: row.expiresAt.toISOString(),
        claimedAt: row.claimedAt?.toISOString() ?? null,
        claimedBy: row.claimedBy ? { id: row.claimedBy, displayName: names.get(row.claimedBy) ?? '' } : null,
        returnedAt: row.returnedAt?.toISOString() ?? null,
      };
    },

    /** What anyone holding the code sees; who claimed it stays the sender's to know. */
    view(row: GiftRow, senderName: string, callerId: string | null, now: Date): GiftView {
      return {
        code: row.code,
        kind: row.kind,
        state: row.state === 'open' && row.expiresAt <= now ? 'expired' : row.state,
        what: row.what,
        message: row.message,
        sender: { displayName: senderName },
        expiresAt: row.expiresAt.toISOString(),
        needsAddress: row.kind === 'product',
        yours: callerId !== null && callerId === row.senderId,
        claimedByYou: callerId !== null && callerId === row.claimedBy,
      };
    },
  };
}

export type Presenter = ReturnType<typeof createPresenter>;
