import { imageSize } from 'image-size';
import type { Db, Queryable } from '../platform/db/db.port';
import type { BlobStore } from '../platform/blob/blob.port';
import { AppError } from '../kernel/app-error';
import { newId } from '../kernel/ids';
import type { Result } from '../kernel/result';

/** Largest image accepted, in bytes. The upload route's body limit is the same figure. */
export const IMAGE_MAX_BYTES = 5 * 1024 * 1024;
/** Largest width or height: bigger pictures are decompression bombs, not product photos. */
export const IMAGE_MAX_SIDE = 8192;

/**
 * Raster types a browser shows safely. Detected from the bytes (image-size), never from the file
 * name or the declared content type. SVG is refused: it can carry script.
 */
const accepted: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp' };

export interface Image {
  id: string;
  url: string;
  contentType: string;
  bytes: number;
  width: number;
  height: number;
}

interface ImageRow {
  id: string;
  shopId: string;
  contentType: string;
  bytes: number;
  width: number;
  height: number;
}

export const imageUrl = (id: string): string => `/api/v1/images/${id}`;
const blobKey = (shopId: string, id: string) => `images/${shopId}/${id}`;
const columns = `id, shop_id AS "shopId", content_type AS "contentType", bytes, width, height`;
const toImage = (r: ImageRow): Image => ({ id: r.id, url: imageUrl(r.id), contentType: r.contentType, bytes: r.bytes, width: r.width, height: r.height });

/** Text that opens with XML or an `<svg` element within its first KiB (after a BOM, white space, comments). */
function looksLikeSvg(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('utf8').replace(/^\uFEFF/, '').trimStart().toLowerCase();
  return head.startsWith('<') && (head.startsWith('<?xml') || head.includes('<svg'));
}

/** What the bytes are, or why they are refused. Pure: exported for unit tests. */
export function inspectImage(
  bytes: Uint8Array,
): Result<{ type: string; contentType: string; width: number; height: number }, { code: 'CATALOG_IMAGE_INVALID' | 'CATALOG_IMAGE_TYPE_REFUSED' | 'CATALOG_IMAGE_TOO_LARGE' }> {
  if (bytes.length > IMAGE_MAX_BYTES) return { ok: false, code: 'CATALOG_IMAGE_TOO_LARGE' };
  let size: { type?: string; width?: number; height?: number };
  // SVG (scripts inside) is refused by type whether or not image-size can read its dimensions
  // (an XML prolog, or only a viewBox, makes it throw).
  if (looksLikeSvg(bytes)) return { ok: false, code: 'CATALOG_IMAGE_TYPE_REFUSED' };
  try {
    size = imageSize(bytes);
  } catch {
    return { ok: false, code: 'CATALOG_IMAGE_INVALID' };
  }
  const contentType = size.type ? accepted[size.type] : undefined;
  if (!contentType) return { ok: false, code: 'CATALOG_IMAGE_TYPE_REFUSED' };
  const { width = 0, height = 0 } = size;
  if (width < 1 || height < 1) return { ok: false, code: 'CATALOG_IMAGE_INVALID' };
  if (width > IMAGE_MAX_SIDE || height > IMAGE_MAX_SIDE) return { ok: false, code: 'CATALOG_IMAGE_TOO_LARGE' };
  return { ok: true, type: size.type!, contentType, width, height };
}

/** Images of a shop: checked, stored in the blob store, described by a row. */
export function createImages({ db, blobs }: { db: Db; blobs: BlobStore }) {
  return {
    async upload(shopId: string, bytes: Buffer): Promise<Image> {
      if (bytes.length === 0) throw new AppError('CATALOG_IMAGE_INVALID');
      const seen = inspectImage(bytes);
      if (!seen.ok) throw new AppError(seen.code);
      const id = newId();
      // Bytes first, row second: a crash between leaves an unreferenced blob, never a row without bytes.
      await blobs.put(blobKey(shopId, id), bytes);
      try {
        const [row] = await db.query<ImageRow>(
          `INSERT INTO catalog_images (id, shop_id, content_type, bytes, width, height) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${columns}`,
          [id, shopId, seen.contentType, bytes.length, seen.width, seen.height],
        );
        return toImage(row!);
      } catch (err) {
        await blobs.delete(blobKey(shopId, id)).catch(() => false);
        throw err;
      }
    },

    /** Public: an image is reachable by whoever has its id (product pages are public). */
    async read(id: string): Promise<{ bytes: Buffer; contentType: string }> {
      const [row] = await db.query<ImageRow>(`SELECT ${columns} FROM catalog_images WHERE id = $1`, [id]);
      const bytes = row && (await blobs.get(blobKey(row.shopId, row.id)));
      if (!row || !bytes) throw new AppError('CATALOG_IMAGE_NOT_FOUND');
      return { bytes, contentType: row.contentType };
    },

    /** Throws CATALOG_IMAGE_NOT_FOUND unless every id is an image of this shop. */
    async assertOwned(queryable: Queryable, shopId: string, ids: readonly string[]): Promise<void> {
      if (ids.length === 0) return;
      const unique = [...new Set(ids)];
      const rows = await queryable.query<{ id: string }>(`SELECT id FROM catalog_images WHERE shop_id = $1 AND id = ANY($2::uuid[])`, [shopId, unique]);
      if (rows.length !== unique.length) throw new AppError('CATALOG_IMAGE_NOT_FOUND');
    },
  };
}

export type Images = ReturnType<typeof createImages>;
