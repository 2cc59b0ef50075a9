import { Resvg } from '@resvg/resvg-js';
import QRCode from 'qrcode';

/**
 * The pictures of a share: its QR code (the `qrcode` package: SVG and PNG) and the share poster
 * and link-preview card, drawn as SVG and rendered by resvg (as the demo pictures are). Text uses
 * the system's fonts (Noto Sans CJK where installed, for Chinese titles).
 */

const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

export const qrSvg = (url: string): Promise<string> => QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
export const qrPng = (url: string, width = 480): Promise<Buffer> => QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width });

/** What a poster or card shows. */
export interface Picture {
  title: string;
  /** Under the title: the shop's name. */
  subtitle: string;
  /** A price ("¥ 68.00") or a state ("直播中 LIVE"), on a badge. */
  badge: string | null;
  /** The product's or show's picture (PNG or JPEG bytes), if it has one. */
  cover: { bytes: Buffer; contentType: string } | null;
}

/** Splits a title into at most `lines` lines of about `width` units (a CJK character is 2, others 1). */
function wrap(text: string, width: number, lines: number): string[] {
  const out: string[] = [];
  let line = '';
  let used = 0;
  for (const ch of text) {
    const w = /[\u2E80-\uFFFF]/u.test(ch) ? 2 : 1;
    if (used + w > width) {
      out.push(line);
      if (out.length === lines) break;
      line = '';
      used = 0;
    }
    line += ch;
    used += w;
  }
  if (out.length < lines && line) out.push(line);
  else if (out.length === lines && (line || text.length > out.join('').length)) out[lines - 1] = `${out[lines - 1]!.slice(0, -1)}…`;
  return out;
}

const dataUri = (bytes: Buffer, type: string) => `data:${type};base64,${bytes.toString('base64')}`;

/** The backdrop where there is no cover: a warm gradient with the hutong mark. */
const noCover = (w: number, h: number, markY: number) => `
  <defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#c2410c"/><stop offset="1" stop-color="#7c2d12"/></linearGradient></defs>
  <rect width="${w}" height="${h}" fill="url(#bg)"/>
  <text x="${w / 2}" y="${markY}" font-size="104" font-weight="700" fill="#fff7ed" text-anchor="middle" opacity="0.9">互通 hutong</text>`;

const cover = (p: Picture, w: number, h: number, markY = h / 2 + 36) =>
  p.cover && /^image\/(png|jpeg)$/.test(p.cover.contentType)
    ? `<rect width="${w}" height="${h}" fill="#f5f0e8"/><image href="${dataUri(p.cover.bytes, p.cover.contentType)}" x="0" y="0" width="${w}" height="${h}" preserveAspectRatio="xMidYMid slice"/>`
    : noCover(w, h, markY);

const badge = (text: string, x: number, y: number) => {
  const w = 24 + [...text].reduce((n, ch) => n + (/[\u2E80-\uFFFF]/u.test(ch) ? 34 : 19), 0);
  return `<rect x="${x}" y="${y}" width="${w}" height="54" rx="27" fill="#dc2626"/>
  <text x="${x + w / 2}" y="${y + 38}" font-size="32" font-weight="700" fill="#fff" text-anchor="middle">${escape(text)}</text>`;
};

function render(svg: string, width: number): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: width },
    font: { loadSystemFonts: true, defaultFontFamily: 'Noto Sans CJK SC', sansSerifFamily: 'Noto Sans CJK SC' },
  });
  return resvg.render().asPng();
}

/** The share poster (720 × 1120): cover, title, badge, shop, and the QR to scan — for saving and posting. */
export async function poster(p: Picture, url: string): Promise<Buffer> {
  const qr = await qrPng(url, 240);
  const title = wrap(p.title, 30, 2)
    .map((line, i) => `<text x="40" y="${692 + i * 52}" font-size="40" font-weight="700" fill="#2b2118">${escape(line)}</text>`)
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="720" height="1120" viewBox="0 0 720 1120" font-family="Noto Sans CJK SC, DejaVu Sans, sans-serif">
  <rect width="720" height="1120" fill="#fffaf3"/>
  <svg x="0" y="0" width="720" height="620" viewBox="0 0 720 620">${cover(p, 720, 620)}</svg>
  ${p.badge ? badge(p.badge, 32, 546) : ''}
  ${title}
  <text x="40" y="${p.title.length > 15 ? 800 : 750}" font-size="30" fill="#6b5d50">${escape(wrap(p.subtitle, 24, 1)[0] ?? '')}</text>
  <text x="40" y="990" font-size="28" fill="#2b2118">长按识别二维码</text>
  <text x="40" y="1030" font-size="24" fill="#9a8b7c">Scan to open · hutong</text>
  <image href="${dataUri(qr, 'image/png')}" x="448" y="852" width="240" height="240"/>
</svg>`;
  return render(svg, 720);
}

/** The link-preview card (1200 × 630, og:image) of a room or a product without a picture of its own. */
export function card(p: Picture): Buffer {
  const title = wrap(p.title, 30, 2)
    .map((line, i) => `<text x="60" y="${430 + i * 64}" font-size="54" font-weight="700" fill="#fff">${escape(line)}</text>`)
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630" viewBox="0 0 1200 630" font-family="Noto Sans CJK SC, DejaVu Sans, sans-serif">
  <svg x="0" y="0" width="1200" height="630" viewBox="0 0 1200 630">${cover(p, 1200, 630, 170)}</svg>
  <defs><linearGradient id="shade" x1="0" y1="0" x2="0" y2="1"><stop offset="0.35" stop-color="#000" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity="0.7"/></linearGradient></defs>
  <rect width="1200" height="630" fill="url(#shade)"/>
  ${p.badge ? badge(p.badge, 60, 300) : ''}
  ${title}
  <text x="60" y="${p.title.length > 15 ? 578 : 520}" font-size="32" fill="#f5e9dc">${escape(wrap(p.subtitle, 40, 1)[0] ?? '')}</text>
</svg>`;
  return render(svg, 1200);
}
