/**
 * URL recognisers, as data: one row per marketplace saying which hosts are its own, how to read an
 * item id from a URL's path or query, and how to write the canonical link for that id. Adding a
 * marketplace (or a new URL shape of one) is a row or a pattern here, not new code.
 *
 * Nothing here fetches anything: a short link (m.tb.cn, 3.cn, amzn.to…) is recognised by its host
 * and kept as it is (minus tracking), because resolving it would mean the server fetching a
 * merchant-supplied URL.
 */
import { marketplaces, type Marketplace } from '../contracts/links.schemas';
import type { Result } from '../kernel/result';
import { isPrivateHost } from './host-safety';

export { marketplaces, type Marketplace };

interface IdPattern {
  /** Matched against the URL's pathname (lower-cased host, original path). */
  path?: RegExp;
  /** Read the id from this query parameter (when `path` is given, the path must match too). */
  query?: string;
}

interface Recogniser {
  marketplace: Exclude<Marketplace, 'other'>;
  /** Registrable domains: a host matches when it is one of these or a subdomain of one. */
  domains: readonly string[];
  /** Hosts of share/short links whose target only the marketplace knows. */
  shortHosts?: readonly string[];
  /** Tried in order; the first that yields an id wins. */
  ids: readonly IdPattern[];
  /** What an id looks like; anything else is not an id of this marketplace. */
  idShape: RegExp;
  /** Brings an id to its one spelling (Amazon ASINs are upper case). */
  normalise?: (id: string) => string;
  canonical: (id: string, host: string) => string;
}

const digits = /^\d{5,20}$/;

export const recognisers: readonly Recogniser[] = [
  {
    marketplace: 'tmall',
    domains: ['tmall.com', 'tmall.hk', 'liangxinyao.com'],
    ids: [{ query: 'id' }, { path: /^\/item\/(\d+)\.htm$/ }],
    idShape: digits,
    canonical: (id) => `https://detail.tmall.com/item.htm?id=${id}`,
  },
  {
    marketplace: 'taobao',
    domains: ['taobao.com', 'tb.cn'],
    shortHosts: ['m.tb.cn', 'tb.cn', 's.tb.cn'],
    ids: [{ query: 'id' }, { query: 'itemId' }, { path: /^\/i(\d+)\.htm$/ }, { path: /^\/item\/(\d+)\.htm$/ }],
    idShape: digits,
    canonical: (id) => `https://item.taobao.com/item.htm?id=${id}`,
  },
  {
    marketplace: 'jd',
    domains: ['jd.com', 'jd.hk', '3.cn'],
    shortHosts: ['3.cn', 'u.jd.com'],
    ids: [
      { path: /^\/(\d+)\.html$/ },
      { path: /^\/product\/(\d+)\.html$/ },
      { path: /^\/ware\/view\.action$/, query: 'wareId' },
      { query: 'sku' },
    ],
    idShape: /^\d{3,20}$/,
    canonical: (id) => `https://item.jd.com/${id}.html`,
  },
  {
    marketplace: 'pinduoduo',
    domains: ['yangkeduo.com', 'pinduoduo.com'],
    shortHosts: ['p.pinduoduo.com'],
    ids: [{ query: 'goods_id' }],
    idShape: digits,
    canonical: (id) => `https://mobile.yangkeduo.com/goods.html?goods_id=${id}`,
  },
  {
    marketplace: 'douyin',
    domains: ['jinritemai.com', 'douyin.com'],
    shortHosts: ['v.douyin.com'],
    ids: [{ query: 'id' }, { query: 'product_id' }, { path: /^\/goods\/(\d+)$/ }],
    idShape: digits,
    canonical: (id) => `https://haohuo.jinritemai.com/views/product/item2?id=${id}`,
  },
  {
    marketplace: 'amazon',
    domains: [
      'amazon.com', 'amazon.cn', 'amazon.co.uk', 'amazon.de', 'amazon.fr', 'amazon.it', 'amazon.es', 'amazon.co.jp',
      'amazon.ca', 'amazon.com.au', 'amazon.in', 'amazon.com.mx', 'amazon.com.br', 'amazon.nl', 'amazon.sg', 'amazon.ae',
      'amzn.to', 'amzn.asia', 'amzn.eu', 'a.co',
    ],
    shortHosts: ['amzn.to', 'amzn.asia', 'amzn.eu', 'a.co'],
    ids: [
      { path: /(?:^|\/)dp\/([A-Za-z0-9]{10})(?:\/|$)/ },
      { path: /^\/gp\/product\/([A-Za-z0-9]{10})(?:\/|$)/ },
      { path: /^\/gp\/aw\/d\/([A-Za-z0-9]{10})(?:\/|$)/ },
      { path: /^\/exec\/obidos\/ASIN\/([A-Za-z0-9]{10})(?:\/|$)/ },
    ],
    idShape: /^[A-Z0-9]{10}$/,
    normalise: (id) => id.toUpperCase(),
    // Keep the shopper's country store, always on its www host.
    canonical: (id, host) => `https://www.${amazonStore(host)}/dp/${id}`,
  },
  {
    marketplace: 'shopify',
    domains: ['myshopify.com'],
    ids: [{ path: /^(?:\/collections\/[^/]+)?\/products\/([a-z0-9][a-z0-9-]{0,254})\/?$/ }],
    idShape: /^[a-z0-9][a-z0-9-]{0,254}$/,
    canonical: (handle, host) => `https://${host}/products/${handle}`,
  },
];

const amazonStore = (host: string): string => host.replace(/^(?:www|smile|m)\./, '');

/** Query parameters that only track who shared or clicked; never part of a canonical link. */
const trackingParams = /^(utm_[a-z]+|spm|scm|pvid|fbclid|gclid|dclid|msclkid|yclid|mc_[a-z]+|ref|ref_|tag|psc|share_token|sharer|tk|ut_sk|sourceType|suid|shareUniqueId|un|share_crt_v|sp_tk|cpp|shareurl|short_name|app|from|_wv|wxshare|bxsign|price|sourcetype|_u|skuId|xxc|ali_refid|ali_trackid|mm_[a-z0-9_]+|pid|union_lens|uct|refer_page[a-z_]*|_x_[a-z_]+)$/i;

/** Why a pasted URL was refused. Each maps to a documented error code (docs/errors.md). */
export type RefusalReason = 'empty' | 'too_long' | 'malformed' | 'scheme' | 'credentials' | 'private_host';

export interface Recognised {
  marketplace: Marketplace;
  /** The marketplace's item id, or null for a short link or an unrecognised page. */
  itemId: string | null;
  /** The link hutong stores and sends viewers to: https, no tracking, no fragment. */
  canonicalUrl: string;
  /** A short/share link whose item only the marketplace can resolve. */
  short: boolean;
  /** The host is punycode (an internationalised name): show it as such, it may imitate another. */
  idnHost: boolean;
}

export type Recognition = Result<{ value: Recognised }, { reason: RefusalReason }>;

/** URLs longer than this are refused outright (browsers and marketplaces stay far below). */
export const MAX_URL_LENGTH = 2048;

const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i;
const dangerousScheme = /^\s*(javascript|data|vbscript|file|blob|about|mailto|tel|ftp|ws|wss|chrome|intent|itms-apps?|taobao|tmall|openapp\.jdmobile|pinduoduo|snssdk\d*)\s*:/i;
// eslint-disable-next-line no-control-regex
const controlChars = /[\u0000-\u001f\u007f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/;
const firstHttpUrl = /https?:\/\/[^\s"'<>，。「」【】（）]+/i;

/**
 * Recognises a pasted URL (or a marketplace share text with a URL inside, such as
 * "【淘宝】https://m.tb.cn/h.5x… 「商品」"). Refusals are values; nothing is thrown.
 */
export function recognise(input: string): Recognition {
  let text = input.trim();
  if (text.length === 0) return { ok: false, reason: 'empty' };
  if (text.length > MAX_URL_LENGTH) return { ok: false, reason: 'too_long' };
  if (dangerousScheme.test(text)) return { ok: false, reason: 'scheme' };
  if (/\s/.test(text)) {
    // A share text: take the first http(s) URL in it, if any.
    const found = firstHttpUrl.exec(text);
    if (!found) return { ok: false, reason: 'malformed' };
    text = found[0];
  }
  if (controlChars.test(text)) return { ok: false, reason: 'malformed' };
  if (!hasScheme.test(text)) {
    if (/^[a-z][a-z0-9+.-]*:(?!\d)/i.test(text)) return { ok: false, reason: 'scheme' };
    text = `https://${text.replace(/^\/\//, '')}`;
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: 'scheme' };
  // "https://taobao.com@evil.example" goes to evil.example: a URL carrying credentials is refused.
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'credentials' };
  const host = url.hostname.replace(/\.$/, '').toLowerCase();
  if (!host.includes('.') && !host.startsWith('[')) return { ok: false, reason: 'malformed' };
  // Loopback, private and link-local addresses however spelt (the parser made `0x7f.1` 127.0.0.1).
  if (isPrivateHost(host)) return { ok: false, reason: 'private_host' };
  return { ok: true, value: classify(url, host) };
}

/** The marketplace whose domains include `host` (exact label-wise suffix, never a substring). */
function marketplaceOf(host: string): Recogniser | undefined {
  return recognisers.find((r) => r.domains.some((d) => host === d || host.endsWith(`.${d}`)));
}

function classify(url: URL, host: string): Recognised {
  const idnHost = host.split('.').some((label) => label.startsWith('xn--'));
  // A marketplace is only ever recognised on its default port: "taobao.com:8443" is someone else.
  const r = url.port === '' ? marketplaceOf(host) : undefined;
  if (r) {
    for (const pattern of r.ids) {
      const raw = readId(url, pattern);
      const id = raw !== null && r.normalise ? r.normalise(raw) : raw;
      if (id !== null && r.idShape.test(id)) {
        return { marketplace: r.marketplace, itemId: id, canonicalUrl: r.canonical(id, host), short: false, idnHost };
      }
    }
    if (r.shortHosts?.includes(host) && url.pathname.length > 1) {
      return { marketplace: r.marketplace, itemId: null, canonicalUrl: cleaned(url, host), short: true, idnHost };
    }
    return { marketplace: r.marketplace, itemId: null, canonicalUrl: cleaned(url, host), short: false, idnHost };
  }
  return { marketplace: 'other', itemId: null, canonicalUrl: cleaned(url, host), short: false, idnHost };
}

function readId(url: URL, pattern: IdPattern): string | null {
  if (pattern.path) {
    const m = pattern.path.exec(url.pathname);
    if (!m) return null;
    if (!pattern.query) return m[1] ?? null;
  }
  if (pattern.query) {
    const v = url.searchParams.get(pattern.query);
    return v === null ? null : v.trim();
  }
  return null;
}

/** The URL without tracking parameters or fragment, on a lower-case host. */
function cleaned(url: URL, host: string): string {
  const out = new URL(url.toString());
  out.hostname = host;
  out.hash = '';
  for (const key of [...out.searchParams.keys()]) if (trackingParams.test(key)) out.searchParams.delete(key);
  out.search = out.searchParams.toString() ? `?${out.searchParams.toString()}` : '';
  return out.toString();
}

/**
 * True when `url` is something hutong may send a browser to: an http(s) URL without credentials, on
 * a public host. Checked again at every click: a link stored before a rule existed is caught too.
 */
export function isSafeTarget(url: string): boolean {
  try {
    const u = new URL(url);
    return (
      (u.protocol === 'https:' || u.protocol === 'http:') && u.username === '' && u.password === '' && url.length <= MAX_URL_LENGTH && !isPrivateHost(u.hostname)
    );
  } catch {
    return false;
  }
}
