import { emptyTotals, type Counters, type RosterEntry, type ScopeTotals, type Settlement } from './counters.port';
import { HyperLogLog } from './hyperloglog';

interface ScopeState {
  totals: ScopeTotals;
  sketch: HyperLogLog;
  /** Viewer → until when coming back is the same view. */
  seen: Map<string, number>;
  /** Settlement ids applied, newest last (a retry comes within a few ticks: the last 256 suffice). */
  done: string[];
}

/** In-process counters: the embedded default for a single node. */
export class MemoryCounters implements Counters {
  readonly kind = 'memory' as const;
  readonly #scopes = new Map<string, ScopeState>();
  /** Room → node → its sockets and when it said so. */
  readonly #rosters = new Map<string, Map<string, { online: number; at: number }>>();

  constructor(private readonly now: () => number = Date.now) {}

  async settle(scope: string, s: Settlement): Promise<ScopeTotals> {
    const state = this.#scope(scope);
    const t = state.totals;
    t.pcu = Math.max(t.pcu, s.online);
    if (state.done.includes(s.id)) return copy(state);
    state.done.push(s.id);
    if (state.done.length > 256) state.done.shift();
    const now = this.now();
    t.likes += s.likes;
    t.chat.accepted += s.chat.accepted;
    t.chat.shown += s.chat.shown;
    t.chat.stored += s.chat.stored;
    for (const viewer of s.joins) {
      const until = state.seen.get(viewer);
      if (until === undefined || until <= now) t.views++;
      state.seen.set(viewer, now + s.viewWindowMs);
      state.sketch.add(viewer);
    }
    for (const viewer of s.leaves) state.seen.set(viewer, now + s.viewWindowMs);
    if (state.seen.size > 100_000) for (const [v, until] of state.seen) if (until <= now) state.seen.delete(v);
    t.unique = state.sketch.count();
    return copy(state);
  }

  async read(scope: string): Promise<ScopeTotals> {
    const state = this.#scopes.get(scope);
    return state ? copy(state) : emptyTotals();
  }

  async retire(scope: string): Promise<void> {
    this.#scopes.delete(scope);
  }

  async roster(room: string, node: string, online: number | null, ttlMs: number): Promise<RosterEntry[]> {
    const now = this.now();
    let nodes = this.#rosters.get(room);
    if (!nodes) this.#rosters.set(room, (nodes = new Map()));
    if (online === null) nodes.delete(node);
    else nodes.set(node, { online, at: now });
    const live: RosterEntry[] = [];
    for (const [n, e] of nodes) {
      if (now - e.at > ttlMs) nodes.delete(n);
      else live.push({ node: n, online: e.online });
    }
    if (nodes.size === 0) this.#rosters.delete(room);
    return live;
  }

  /** Scopes held (the soak bench checks that ended shows are let go). */
  get scopes(): number {
    return this.#scopes.size;
  }

  #scope(scope: string): ScopeState {
    let state = this.#scopes.get(scope);
    if (!state) this.#scopes.set(scope, (state = { totals: emptyTotals(), sketch: new HyperLogLog(), seen: new Map(), done: [] }));
    return state;
  }

  async close(): Promise<void> {}
}

const copy = (state: ScopeState): ScopeTotals => ({ ...state.totals, chat: { ...state.totals.chat } });
