import { v7 as uuidv7 } from 'uuid';

/**
 * Chat message ids, and the window in which a deletion may arrive before its message.
 *
 * A message is stored behind (by the node that accepted it, the room never waiting for the database) and relayed to the other
 * nodes over the bus, while a moderator's delete travels by another route (HTTP on any node, then
 * the bus). So a delete can reach a node, or the database, before the message does. Ids are
 * time-ordered (UUID v7, RFC 9562) so that any node can tell a message that may still be on its
 * way (younger than the window) from one that never existed.
 */
export const DELETE_WINDOW_MS = 30_000;

export const newMessageId = (): string => uuidv7();

/** When a message id was made (ms since the epoch), or undefined when it is not a time-ordered id. */
export function messageIdTime(id: string): number | undefined {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i.test(id)) return undefined;
  return Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}

/**
 * Ids seen within the window, oldest first, forgotten as the window passes: a bounded memory of
 * recent deletions (or of the messages a node accepted itself).
 */
export class RecentIds {
  #at = new Map<string, number>();

  constructor(private readonly windowMs = DELETE_WINDOW_MS) {}

  add(id: string, now: number): void {
    this.#forget(now);
    this.#at.delete(id);
    this.#at.set(id, now);
  }

  has(id: string, now: number): boolean {
    this.#forget(now);
    return this.#at.has(id);
  }

  #forget(now: number): void {
    for (const [id, at] of this.#at) {
      if (now - at <= this.windowMs) break;
      this.#at.delete(id);
    }
  }
}
