import { z } from 'zod';
import { nextCursor, pageQuery } from './pagination.schemas';
import { showState } from './media.schemas';

/**
 * Discovery: what any visitor finds without a link — rooms live now, upcoming shows, recent replays,
 * a shop's rooms — and a shop's public page with its followers. Public data only: titles, covers,
 * times, and how many have watched.
 */

const shopRef = z.object({ slug: z.string(), name: z.string() });
const roomRef = z.object({ slug: z.string(), title: z.string() });

/** One show as a card on the home page or a shop page. */
export const showCard = z.object({
  room: roomRef,
  shop: shopRef,
  show: z.object({
    id: z.string().uuid(),
    title: z.string(),
    coverUrl: z.string().nullable(),
    state: showState,
    scheduledAt: z.string().nullable(),
    startedAt: z.string().nullable(),
    endedAt: z.string().nullable(),
  }),
  /** Live shows: views so far (观看人次, docs/audience.md); null for the others. */
  views: z.number().int().nullable(),
});
export type ShowCard = z.infer<typeof showCard>;
export const showCardsAnswer = z.object({ shows: z.array(showCard), next: nextCursor });

export const discoverQuery = pageQuery.extend({
  /** Only these shops' shows: one slug, or several separated by commas (at most 50, e.g. "my follows"). */
  shops: z
    .string()
    .max(2100)
    .optional()
    .transform((v) => (v ? [...new Set(v.split(',').map((s) => s.trim()).filter(Boolean))] : undefined))
    .refine((v) => v === undefined || v.length <= 50, 'at most 50 shops'),
});

/** A room on its shop's page: live now or not. */
export const roomCard = roomRef.extend({ live: z.boolean() });
export const roomCardsAnswer = z.object({ rooms: z.array(roomCard), next: nextCursor });
export const shopSlugParams = z.object({ slug: z.string().min(1).max(40) });
export const shopRoomsQuery = pageQuery;

/** A shop's public page. `following` is whether the caller follows it (false when not logged in). */
export const shopPageAnswer = z.object({
  shop: shopRef.extend({ createdAt: z.string() }),
  followers: z.number().int(),
  following: z.boolean(),
});

/** "My follows": the shops the logged-in account follows, newest first. */
export const follow = z.object({ shop: shopRef, followedAt: z.string() });
export type Follow = z.infer<typeof follow>;
export const followsAnswer = z.object({ follows: z.array(follow), next: nextCursor });
export const followAnswer = z.object({ follow, followers: z.number().int() });
