import type { BusHandler, Json } from './bus.port';

/** Where a bus reports what it must not throw: a handler that threw, a malformed message, a lost connection. */
export type BusErrorHandler = (error: unknown, topic?: string) => void;

// A bus runs inside a server: a failing subscriber is a bug to surface, never a reason to crash the node.
export const logBusError: BusErrorHandler = (error, topic) =>
  console.error(`[bus] ${topic === undefined ? 'connection' : `topic ${topic}`}:`, error);

/** JSON text of a message, checked the same way by every adapter so they accept exactly the same values. */
export function encodeMessage(message: Json): string {
  const text = JSON.stringify(message);
  if (typeof text !== 'string') throw new TypeError('bus message is not a JSON value');
  return text;
}

interface Subscription {
  readonly handler: BusHandler;
}

/**
 * The local half of every adapter: handlers by exact topic. Each handler parses its own copy of the
 * text, so no two subscribers share an object. The set size is the reference count the networked
 * adapters use to hold one upstream subscription per topic.
 */
export class TopicFanout {
  readonly #topics = new Map<string, Set<Subscription>>();

  constructor(private readonly onError: BusErrorHandler) {}

  /** Adds a handler; `remove` is idempotent and returns true when it removed the topic's last handler. */
  add(topic: string, handler: BusHandler): { first: boolean; remove: () => boolean } {
    let subs = this.#topics.get(topic);
    const first = subs === undefined;
    if (!subs) this.#topics.set(topic, (subs = new Set()));
    const sub: Subscription = { handler };
    subs.add(sub);
    const remove = (): boolean => {
      const current = this.#topics.get(topic);
      if (!current?.delete(sub)) return false; // already removed: must not count twice
      if (current.size > 0) return false;
      this.#topics.delete(topic);
      return true;
    };
    return { first, remove };
  }

  deliver(topic: string, text: string): void {
    const subs = this.#topics.get(topic);
    if (!subs) return;
    for (const sub of [...subs]) {
      if (!subs.has(sub)) continue; // unsubscribed by an earlier handler of this same delivery
      let copy: Json;
      try {
        copy = JSON.parse(text) as Json;
      } catch (error) {
        this.onError(error, topic); // a foreign publisher on the wire; nobody else will parse it either
        return;
      }
      try {
        sub.handler(copy, topic);
      } catch (error) {
        this.onError(error, topic);
      }
    }
  }

  clear(): void {
    this.#topics.clear();
  }
}
