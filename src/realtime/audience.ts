import type { Counters } from '../platform/counters/counters.port';
import type { RoomCounts } from '../contracts/realtime.schemas';

/**
 * A room's audience numbers on one node (docs/audience.md): this node's sockets, the other nodes'
 * as they announce them on the bus, and the totals kept with the counters port, per show.
 *
 * Shared counters (Redis) hold the room's totals, so a node shows the largest total it has seen.
 * Per-process counters (memory: one process, or several workers without Redis) hold each node's
 * share, so a node shows its own plus every other node's last announced share (unique viewers
 * then over-count a viewer seen by two nodes).
 */
export interface AudienceState {
  node: string;
  scope: string;
  online: number;
  likes: number;
  views: number;
  unique: number;
  pcu: number;
  shared: boolean;
}

export class Audience {
  /** Whose audience the counters count: `show:<id>` of the live show, else `room:<id>`. */
  #scope: string;
  #own: RoomCounts = { online: 0, pcu: 0, views: 0, unique: 0, likes: 0 };
  #peers = new Map<string, { online: number; at: number }>();
  /** Per-process counters only: each node's share, kept after it goes quiet (its likes still count). */
  #peerShares = new Map<string, { likes: number; views: number; unique: number }>();

  private constructor(
    private readonly d: { roomId: string; counters: Counters; viewWindowMs: number; peerTimeoutMs: number; now: () => number },
    showId: string | undefined,
  ) {
    this.#scope = showId ? `show:${showId}` : `room:${d.roomId}`;
  }

  static async open(d: Audience['d'], showId: string | undefined): Promise<Audience> {
    const a = new Audience(d, showId);
    await a.#load();
    return a;
  }

  get scope(): string {
    return this.#scope;
  }

  get #shared(): boolean {
    return this.d.counters.kind !== 'memory';
  }

  #keys() {
    const r = this.#scope;
    return { likes: `${r}:likes`, views: `${r}:views`, unique: `${r}:unique`, pcu: `${r}:pcu`, seen: (v: string) => `${r}:seen:${v}` };
  }

  async #load(): Promise<void> {
    const scope = this.#scope;
    const k = this.#keys();
    const c = this.d.counters;
    const [likes, unique, pcu, views] = await Promise.all([c.incr(k.likes, 0), c.countUnique(k.unique), c.max(k.pcu, 0), c.incr(k.views, 0)]);
    if (scope === this.#scope) this.#own = { online: 0, likes, unique, pcu, views };
  }

  /**
   * Applies a counters answer to the numbers shown, unless the show changed while it was on its
   * way: the previous show's totals must never leak into the new show's.
   */
  #apply(scope: string, update: (own: RoomCounts) => void): void {
    if (scope === this.#scope) update(this.#own);
  }

  /** Online now: this node's sockets plus every node heard from within peerTimeoutMs. */
  online(localSockets: number): number {
    const now = this.d.now();
    let n = localSockets;
    for (const [node, p] of this.#peers) {
      if (now - p.at > this.d.peerTimeoutMs) this.#peers.delete(node);
      else n += p.online;
    }
    return n;
  }

  counts(online: number): RoomCounts {
    const c = { ...this.#own, online, pcu: Math.max(this.#own.pcu, online) };
    if (this.#shared) return c;
    for (const p of this.#peerShares.values()) {
      c.likes += p.likes;
      c.views += p.views;
      c.unique += p.unique;
    }
    return c;
  }

  /** A join: a view unless the same viewer left within the view window (or is here already). */
  async join(viewerId: string): Promise<void> {
    const scope = this.#scope;
    const k = this.#keys();
    const c = this.d.counters;
    const [first, unique] = await Promise.all([c.mark(k.seen(viewerId), this.d.viewWindowMs), c.addUnique(k.unique, viewerId)]);
    this.#apply(scope, (o) => (o.unique = Math.max(o.unique, unique)));
    if (!first) return;
    const views = await c.incr(k.views, 1);
    this.#apply(scope, (o) => (o.views = Math.max(o.views, views)));
  }

  /** The window starts again when the viewer leaves: a reconnect within it is the same view. */
  leave(viewerId: string): void {
    this.d.counters.mark(this.#keys().seen(viewerId), this.d.viewWindowMs).catch(() => {});
  }

  async addLikes(n: number): Promise<void> {
    const scope = this.#scope;
    const likes = await this.d.counters.incr(this.#keys().likes, n);
    this.#apply(scope, (o) => (o.likes = Math.max(o.likes, likes)));
  }

  async notePeak(online: number): Promise<void> {
    if (online <= this.#own.pcu) return;
    const scope = this.#scope;
    const pcu = await this.d.counters.max(this.#keys().pcu, online);
    this.#apply(scope, (o) => (o.pcu = Math.max(o.pcu, online, pcu)));
  }

  /** A show went live: its counters from now on. Returns false when it already was this show. */
  async startShow(showId: string): Promise<boolean> {
    const scope = `show:${showId}`;
    if (scope === this.#scope) return false;
    this.#scope = scope;
    this.#peerShares.clear();
    await this.#load();
    return true;
  }

  /** What this node tells the others each tick (or heartbeat). */
  state(node: string, localSockets: number): AudienceState {
    const { likes, views, unique, pcu } = this.#own;
    return { node, scope: this.#scope, online: localSockets, likes, views, unique, pcu, shared: this.#shared };
  }

  /** Another node's state; returns true when the numbers shown changed (a heartbeat usually changes nothing). */
  onPeer(s: AudienceState): boolean {
    const before = this.#fingerprint();
    this.#peers.set(s.node, { online: s.online, at: this.d.now() });
    // A node still on the previous show (or already on the next): only its sockets count.
    if (s.scope === this.#scope) {
      const o = this.#own;
      o.pcu = Math.max(o.pcu, s.pcu);
      if (!s.shared) this.#peerShares.set(s.node, { likes: s.likes, views: s.views, unique: s.unique });
      else {
        // Shared totals only grow: take the larger (the peer's counters answer may be newer).
        o.likes = Math.max(o.likes, s.likes);
        o.views = Math.max(o.views, s.views);
        o.unique = Math.max(o.unique, s.unique);
      }
    }
    return this.#fingerprint() !== before;
  }

  /** The numbers shown, ignoring this node's own sockets (which the hub tracks itself). */
  #fingerprint(): string {
    const c = this.counts(this.online(0));
    return `${c.online} ${c.pcu} ${c.views} ${c.unique} ${c.likes}`;
  }
}
