import { z } from 'zod';

/**
 * Room events: what other contexts announce to everyone in a room (the show went live, a product
 * is pinned, a sale started, stock left). The realtime hub delivers them to every viewer socket.
 * Each context adds its own event types here, as members of the union, in its own section.
 */

// live: shows
export const showStateEvent = z.object({
  type: z.literal('show.state'),
  showId: z.string().uuid(),
  state: z.enum(['scheduled', 'live', 'ended']),
});

export const roomEvent = z.discriminatedUnion('type', [showStateEvent]);
export type RoomEvent = z.infer<typeof roomEvent>;
