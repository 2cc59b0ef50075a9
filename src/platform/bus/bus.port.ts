/**
 * The bus port: publish/subscribe by topic between the nodes (and processes) of one hutong.
 * Adapters: in-process memory (one process), IPC (the worker processes of one node), Redis pub/sub, NATS core.
 *
 * Guarantees and limits:
 * - Topics are dot-separated words of [A-Za-z0-9_-] (`room.demo`); a subscription matches one exact topic.
 * - Messages are JSON values; a subscriber receives its own copy (never a shared reference).
 * - Delivery is at-most-once: a node that is down or disconnected misses what was published meanwhile.
 * - Messages from one publisher on one topic arrive in the order they were published.
 * - A subscription is active once `subscribe` resolves; the publisher's own node receives its messages too.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type BusHandler = (message: Json, topic: string) => void;

export interface Bus {
  readonly kind: 'memory' | 'ipc' | 'redis' | 'nats';
  publish(topic: string, message: Json): Promise<void>;
  /** Returns a function that ends this subscription (others on the same topic stay). */
  subscribe(topic: string, handler: BusHandler): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

const TOPIC = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

/** Throws on a topic outside the portable alphabet (NATS treats `*`, `>` and spaces specially). */
export function assertTopic(topic: string): void {
  if (!TOPIC.test(topic) || topic.length > 200) throw new Error(`invalid bus topic: ${JSON.stringify(topic)}`);
}
