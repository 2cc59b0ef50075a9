/**
 * The bus topics of the realtime context (dot-separated words: bus.port.ts). Every node's hubs of
 * a room subscribe to the room's topics; moderation and other contexts publish to them.
 */

/** The hubs of one room on every node: relayed chat, node state, deletes, mutes, slow mode. */
export const hubTopic = (roomId: string): string => `room.${roomId}.hub`;

/** Shop-wide moderation (bans, the banned-word list) for every room of the shop. */
export const shopModerationTopic = (shopId: string): string => `shop.${shopId}.chat`;

/** Room events (pinned product, cart changes, show state) from any context on any node. */
export const roomEventsTopic = (roomId: string): string => `room.${roomId}.events`;

/** Shows that ended, node-wide: every node lets go of their numbers (ended-shows.ts). */
export const endedShowsTopic = 'realtime.shows.ended';
