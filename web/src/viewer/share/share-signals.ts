import { useCallback, useEffect } from 'react';
import type { ShareSignal } from '../../../../src/contracts/shares.schemas';
import { sendShareSignal } from './shares.api';

/** Set by /s/CODE for a browser that came through a share (readable; the share itself is HttpOnly). */
const cameThroughShare = () => /(?:^|;\s*)hutong_via=/.test(document.cookie);

const send = (signal: ShareSignal, room: string) => sendShareSignal({ signal, room });

/**
 * Tells the server what a browser that came through a share does in the room — it opened the room
 * (binding its visit to the account once logged in), the cart or an item, a marketplace link —
 * so the share gets the credit (docs/sharing.md, "Attribution"). Other browsers send nothing.
 */
export function useShareSignals(slug: string): { cartOpened(): void } {
  useEffect(() => {
    if (!cameThroughShare()) return;
    send('room.opened', slug);
    // Click-outs are /go/CODE links in the cart: heard here, without touching the cart's components.
    const onClick = (e: MouseEvent) => {
      const link = e.target instanceof Element ? e.target.closest('a[href^="/go/"]') : null;
      if (link) send('link.clicked', slug);
    };
    document.addEventListener('click', onClick, true);
    return () => document.removeEventListener('click', onClick, true);
  }, [slug]);
  const cartOpened = useCallback(() => {
    if (cameThroughShare()) send('cart.opened', slug);
  }, [slug]);
  return { cartOpened };
}
