import { z } from 'zod';
import { key, text } from './text.schemas';
import { slug } from './identity.schemas';
import { pageAnswer } from './pagination.schemas';

/** Rooms: a shop's place to go live, reached at /live/SLUG. */

export const room = z.object({
  id: z.string().uuid(),
  slug: z.string(),
  title: z.string(),
  createdAt: z.string(),
});
export type Room = z.infer<typeof room>;

export const createRoomBody = z.object({ slug, title: text({ max: 80 }) });
export const roomAnswer = z.object({ room });
export const roomsAnswer = pageAnswer('rooms', room);

/** What any visitor of /live/SLUG may read, without logging in. */
export const publicRoom = room.extend({ shop: z.object({ slug: z.string(), name: z.string() }) });
export const publicRoomAnswer = z.object({ room: publicRoom });
export const roomSlugParams = z.object({ slug: key({ max: 40 }) });
