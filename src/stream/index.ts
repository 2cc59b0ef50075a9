/**
 * Stream: each room's live event stream for partners and browsers (Server-Sent Events with
 * Last-Event-ID resume): the room events and the audience each second, the room's orders for its
 * shop's API keys. Owns no table: what it carries comes over the bus.
 */
export { createEventStreams, type EventStreams, type StreamOptions, type StreamRoom } from './streams.service';
export { streamRoutes, type StreamRoutesDeps } from './stream.routes';
