import { z } from 'zod';

/**
 * How every list route of the API pages (docs/architecture.md, "Lists"): `?limit=` (1–100, 50 when
 * left out) and `?after=` (the `next` of the page before). The answer holds the page's items under
 * the list's name and `next`: the cursor of the following page, or null on the last one.
 *
 * A cursor is opaque to clients. It names where the page's last item stands in the list's order, so
 * items added or deleted between two requests neither repeat nor skip the ones already seen.
 */
export const PAGE_LIMIT_DEFAULT = 50;
export const PAGE_LIMIT_MAX = 100;

export const pageCursor = z
  .string()
  .min(1)
  .max(400)
  .regex(/^[A-Za-z0-9_-]+$/, 'a cursor from a `next` field');

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(PAGE_LIMIT_MAX).default(PAGE_LIMIT_DEFAULT).describe('Items per page (1–100).'),
  after: pageCursor.optional().describe('The `next` cursor of the previous page; leave out for the first page.'),
});
export type PageQuery = z.output<typeof pageQuery>;

export const nextCursor = pageCursor.nullable().describe('Pass as `after` to get the following page; null on the last page.');

/** A page answer: `{ [name]: items, next }`, e.g. `pageAnswer('products', product)`. */
export const pageAnswer = <K extends string, T extends z.ZodType>(name: K, item: T) =>
  z.object({ [name]: z.array(item), next: nextCursor } as { [P in K]: z.ZodArray<T> } & { next: typeof nextCursor });
