import jsQR from 'jsqr';
import { PNG } from 'pngjs';

/** Reads the QR code in a PNG with an independent decoder (jsqr), or null when there is none. */
export function decodeQr(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length), image.width, image.height)?.data ?? null;
}

/** The content of `<meta property|name="NAME" content="…">` in an HTML page (entities decoded). */
export function meta(html: string, name: string): string | undefined {
  const m = new RegExp(`<meta (?:property|name)="${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}" content="([^"]*)"`).exec(html);
  return m?.[1]?.replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)));
}

export const titleOf = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1]?.replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)));
