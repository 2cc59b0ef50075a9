/**
 * The counters port: the shared numbers of the live rooms, per scope (a show, or a room between
 * shows). Adapters: in-process memory (one process) and Redis (shared by every node).
 *
 * A node never calls the counters per viewer or per like: it gathers what changed on it and
 * settles it once per tick, one call (one Redis round trip) per node per tick however busy the
 * room is, so the counters' load grows with the number of nodes, not of viewers.
 *
 * Guarantees and limits:
 * - A settlement is atomic, and idempotent by its `id`: sent again (after a timeout whose answer
 *   was lost, or a dropped connection) it adds nothing twice. Send a failed settlement again
 *   unchanged; what changed meanwhile goes in the next one.
 * - `unique` is a HyperLogLog estimate (standard error about 0.8 %), exact for small sets.
 * - The memory adapter is per process: a multi-node install uses Redis, or each node counts alone.
 * - Nothing here is durable across a Redis flush (run Redis with AOF to keep totals across a
 *   restart) or a restart of the memory adapter.
 * - The roster (which nodes hold sockets of a room) is one call per node per period whatever the
 *   number of nodes: the nodes' states stay off the bus, so a node's load does not grow with them.
 */
export interface Counters {
  readonly kind: 'memory' | 'redis';
  /** Applies one node's changes to a scope; answers the scope's totals after them. */
  settle(scope: string, settlement: Settlement): Promise<ScopeTotals>;
  /** The scope's totals (zeros for a scope never settled). */
  read(scope: string): Promise<ScopeTotals>;
  /** The scope's numbers are final (its show ended): the memory adapter forgets them, Redis lets them expire. */
  retire(scope: string): Promise<void>;
  /**
   * A room's roster: records that `node` holds `online` sockets of `room` now (`null`: it left the
   * room), and answers every node recorded within `ttlMs` of now, this one included. Entries older
   * than that are dropped; time is the store's own clock, so the nodes' clocks need not agree.
   * The memory adapter's roster is the process's own (a multi-node install without Redis tells
   * its state over the bus instead).
   */
  roster(room: string, node: string, online: number | null, ttlMs: number): Promise<RosterEntry[]>;
  close(): Promise<void>;
}

/** A node of a room's roster and the sockets of the room it holds. */
export interface RosterEntry {
  node: string;
  online: number;
}

/** What one node changed in a scope since its last settlement. */
export interface Settlement {
  /** Unique per settlement: the same id settled again changes nothing. */
  id: string;
  likes: number;
  /** Online now as this node sees it: the scope's peak rises to it. */
  online: number;
  /** Viewers who joined: each is a view unless seen within `viewWindowMs`; all count as unique viewers. */
  joins: readonly string[];
  /** Viewers who left: the window in which coming back is the same view starts again. */
  leaves: readonly string[];
  viewWindowMs: number;
  /** Chat of this node: accepted from its sockets, shown to the room, stored. */
  chat: ChatTally;
}

export interface ChatTally {
  accepted: number;
  shown: number;
  stored: number;
}

export interface ScopeTotals {
  likes: number;
  views: number;
  unique: number;
  pcu: number;
  chat: ChatTally;
}

export const emptyTotals = (): ScopeTotals => ({ likes: 0, views: 0, unique: 0, pcu: 0, chat: { accepted: 0, shown: 0, stored: 0 } });
