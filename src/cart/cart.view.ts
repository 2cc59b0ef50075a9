import type { Listing, Product } from '../contracts/catalog.schemas';
import type { StudioCartItem, ViewerCartItem } from '../contracts/cart.schemas';
import type { LinkPolicy } from '../contracts/links.schemas';
import { decide } from '../links';
import type { CartRow } from './cart.repo';

/** Everything a cart view is built from, loaded once per request. */
export interface CartSources {
  rows: CartRow[];
  products: Map<string, Product>;
  listings: Map<string, Listing>;
  policy: LinkPolicy;
  /** Click-out codes of the listings shown as links. */
  codes: Map<string, string>;
  ownRateBp: number;
}

export const goUrl = (code: string) => `/go/${code}`;

/**
 * The host's view of every item, numbered by the host's order (1号链接 is position 1 whatever the
 * policy hides from viewers, so the number the host says is the number viewers see).
 */
export function studioItems(sources: CartSources): StudioCartItem[] {
  const out: StudioCartItem[] = [];
  sources.rows.forEach((row, i) => {
    const base = { id: row.id, number: i + 1, addedAt: row.addedAt.toISOString() };
    if (row.productId) {
      const p = sources.products.get(row.productId);
      if (!p) return;
      out.push({
        ...base, kind: 'product', refId: p.id, title: p.title, priceMinor: p.priceMinor, currency: p.currency,
        imageUrl: p.images[0]?.url ?? null, marketplace: 'own', stock: p.stock, hasSkus: p.skus.length > 0, link: null, productId: p.id, listingId: null,
        policy: 'own', commissionRateBp: sources.ownRateBp,
      });
      return;
    }
    const l = sources.listings.get(row.listingId!);
    if (!l) return;
    const mode = l.enabled ? decide(sources.policy, l.marketplace, 'cart') : 'hidden';
    const code = sources.codes.get(l.id);
    out.push({
      ...base, kind: 'listing', refId: l.id, title: l.title, priceMinor: l.priceMinor, currency: l.currency,
      imageUrl: l.image?.url ?? null, marketplace: l.marketplace, stock: null, hasSkus: false, productId: null, listingId: l.id,
      link: mode === 'link' && code ? { mode: 'link', url: goUrl(code) } : mode === 'token' ? { mode: 'token', token: l.canonicalUrl } : null,
      policy: mode, commissionRateBp: l.effectiveCommissionRateBp,
    });
  });
  return out;
}

/** What a viewer may see of an item, or null when the policy (or a disabled listing) hides it. */
export function toViewerItem(item: StudioCartItem): ViewerCartItem | null {
  if (item.policy === 'hidden') return null;
  const { refId: _r, policy: _p, commissionRateBp: _c, addedAt: _a, ...visible } = item;
  return visible;
}
