import { formatMinor } from '../kernel/money';
import type { Product } from '../contracts/catalog.schemas';
import type { ShareTarget } from '../contracts/shares.schemas';
import type { Picture } from './pictures';

/** What a link preview says of a page: the tags of previewHtml() and the picture behind og:image. */
export interface Preview {
  title: string;
  description: string;
  /** The page's own absolute URL (og:url). */
  pageUrl: string;
  /** Absolute URL of og:image. */
  imageUrl: string;
  type: 'website' | 'product' | 'video.other';
  picture: Picture;
}

export interface PreviewSources {
  publicUrl: string;
  rooms: { bySlug(slug: string): Promise<{ id: string; shopId: string; slug: string; title: string }> };
  /** The show a visitor of the room sees (live, next or last), for its state and cover. */
  presentedIn(roomId: string): Promise<{ show: { title: string; state: string; coverUrl: string | null } } | undefined>;
  products: { publicGet(id: string): Promise<{ shopId: string; product: Product } | undefined> };
  shopName(shopId: string): Promise<string | undefined>;
  /** An uploaded image's bytes (catalog), for posters and cards. */
  image(id: string): Promise<{ bytes: Buffer; contentType: string } | undefined>;
}

const OWN_IMAGE = /^\/api\/v1\/images\/([0-9a-f-]{36})$/;
const symbols: Record<string, string> = { CNY: '¥', USD: '$', EUR: '€' };
export const priceText = (p: Pick<Product, 'priceMinor' | 'currency' | 'skus'>) =>
  `${p.skus.length > 1 ? '起 ' : ''}${symbols[p.currency] ?? `${p.currency} `}${formatMinor(p.priceMinor)}`;

/** Describes rooms and products for link previews, posters and cards; undefined when there is none. */
export function createPreviews(src: PreviewSources) {
  const abs = (path: string) => `${src.publicUrl}${path}`;
  const ownImage = async (url: string | null | undefined) => {
    const id = url ? OWN_IMAGE.exec(url)?.[1] : undefined;
    return id ? ((await src.image(id).catch(() => undefined)) ?? null) : null;
  };

  async function room(slug: string): Promise<Preview | undefined> {
    const r = await src.rooms.bySlug(slug).catch(() => undefined);
    if (!r) return undefined;
    const [presented, shop] = await Promise.all([src.presentedIn(r.id), src.shopName(r.shopId)]);
    const show = presented?.show;
    const live = show?.state === 'live';
    const shopName = shop ?? 'hutong';
    const title = live && show ? `${show.title} · ${r.title}` : r.title;
    const description = live ? `${shopName} 正在直播 · live now on hutong` : `${shopName} 的直播间 · a live room on hutong`;
    return {
      title, description, type: 'video.other',
      pageUrl: abs(`/live/${encodeURIComponent(r.slug)}`),
      // The card carries the live badge, so it changes with the show: its URL says which state it shows.
      imageUrl: abs(`/api/v1/shares/cards/room/${encodeURIComponent(r.slug)}.png${live ? '?live=1' : ''}`),
      picture: { title, subtitle: shopName, badge: live ? '直播中 LIVE' : null, cover: await ownImage(show?.coverUrl) },
    };
  }

  async function product(id: string): Promise<Preview | undefined> {
    const found = await src.products.publicGet(id).catch(() => undefined);
    if (!found) return undefined;
    const p = found.product;
    const shopName = (await src.shopName(found.shopId)) ?? 'hutong';
    const price = priceText(p);
    const first = p.images[0];
    return {
      title: p.title,
      description: `${price} · ${shopName}${p.description ? ` · ${p.description.slice(0, 120)}` : ''}`,
      type: 'product',
      pageUrl: abs(`/p/${p.id}`),
      imageUrl: first ? abs(first.url) : abs(`/api/v1/shares/cards/product/${p.id}.png`),
      picture: { title: p.title, subtitle: shopName, badge: price, cover: await ownImage(first?.url) },
    };
  }

  /** A shared listing: its title and marketplace; the share's own poster is its picture. */
  const listing = (t: Extract<ShareTarget, { kind: 'listing' }>, code: string): Preview => ({
    title: t.title,
    description: `${t.marketplace} · 在 hutong 分享 · shared on hutong`,
    type: 'product',
    pageUrl: abs(`/s/${code}`),
    imageUrl: abs(`/api/v1/shares/${code}/poster.png`),
    picture: { title: t.title, subtitle: t.marketplace, badge: null, cover: null },
  });

  return {
    room,
    product,
    of: async (t: ShareTarget, code: string): Promise<Preview | undefined> =>
      t.kind === 'room' ? room(t.slug) : t.kind === 'product' ? product(t.id) : listing(t, code),
  };
}

export type Previews = ReturnType<typeof createPreviews>;

const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The <title> and meta tags of a preview: Open Graph (ogp.me's four required and more) and Twitter's card. */
export function previewTags(p: Pick<Preview, 'title' | 'description' | 'pageUrl' | 'imageUrl' | 'type'>): string {
  const tags: [string, string, string][] = [
    ['name', 'description', p.description],
    ['property', 'og:site_name', 'hutong'],
    ['property', 'og:type', p.type],
    ['property', 'og:title', p.title],
    ['property', 'og:description', p.description],
    ['property', 'og:url', p.pageUrl],
    ['property', 'og:image', p.imageUrl],
    ['name', 'twitter:card', 'summary_large_image'],
    ['name', 'twitter:title', p.title],
    ['name', 'twitter:description', p.description],
    ['name', 'twitter:image', p.imageUrl],
  ];
  return [
    `<title>${escape(p.title)} · hutong</title>`,
    ...tags.map(([attr, name, content]) => `<meta ${attr}="${name}" content="${escape(content)}">`),
    `<link rel="canonical" href="${escape(p.pageUrl)}">`,
  ].join('\n    ');
}

/**
 * The page for any client: the web app's index.html with the preview's tags in its head (a browser
 * runs the app as usual; a chat app's fetcher reads the tags), or, without a built web app, a small
 * page of its own with the same tags and a link.
 */
export function previewHtml(index: string | undefined, p: Pick<Preview, 'title' | 'description' | 'pageUrl' | 'imageUrl' | 'type'>): string {
  const tags = previewTags(p);
  if (index && /<\/head>/i.test(index)) return index.replace(/<title>[\s\S]*?<\/title>/i, '').replace(/<\/head>/i, `    ${tags}\n  </head>`);
  return `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width,initial-scale=1">
    ${tags}
  </head>
  <body><main><h1>${escape(p.title)}</h1><p>${escape(p.description)}</p><p><a href="${escape(p.pageUrl)}">${escape(p.pageUrl)}</a></p></main></body>
</html>`;
}
