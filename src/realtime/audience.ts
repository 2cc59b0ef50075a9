import { emptyTotals, type ChatTally, type Counters, type RosterEntry, type ScopeTotals, type Settlement } from '../platform/counters/counters.port';
import type { RoomCounts } from '../contracts/realtime.schemas';
import { withTimeout } from '../kernel/timeout';

/**
 * A room's audience numbers on one node (docs/audience.md): this node's sockets, the other nodes'
 * as they announce them on the bus, and the totals kept with the counters port, per show.
 *
 * What happens here (joins, leaves, likes, chat tallies) is gathered and settled into the counters
 * once per tick in ONE call, off the tick's write path (the hub does not wait for it). A settlement
 * that fails or times out is kept and sent again unchanged — the counters apply an id once — while
 * what happens meanwhile waits for the next one; so a stalled Redis delays the totals, never loses
 * or doubles them. Until they are settled, this node's own likes and chat are shown on top of the
 * last totals, so its viewers see their taps at once, Redis or not.
 *
 * Shared counters (Redis) hold the room's totals, so a node shows the largest total it has seen;
 * they also hold the room's roster (which node holds how many sockets), which each node writes and
 * reads in one call a second (`announce`): the other nodes' sockets come from there, not from the
 * bus. Per-process counters (memory: one process, or several workers without Redis) hold each
 * node's share, so each node announces its state on the bus and shows its own plus every other
 * node's last announced share (unique viewers then over-count a viewer seen by two nodes).
 */
export interface AudienceState {
  node: string;
  scope: string;
  online: number;
  likes: number;
  views: number;
  unique: number;
  pcu: number;
  chat: ChatTally;
  shared: boolean;
}

/** The counters scope of a live show's audience, for readers outside a hub (discovery's views). */
export const showScope = (showId: string): string => `show:${showId}`;

export interface AudienceDeps {
  roomId: string;
  counters: Counters;
  viewWindowMs: number;
  peerTimeoutMs: number;
  /** A settlement (or a read) unanswered after this long counts as failed and is tried again. */
  settleTimeoutMs: number;
  now: () => number;
}

/** Joins and leaves waiting beyond this are dropped (a join storm during a long Redis outage): views undercount, memory stays bounded. */
const MAX_WAITING_VIEWERS = 50_000;
/** Viewers per settlement: a join storm settles over a few ticks instead of in one huge call. */
const VIEWERS_PER_SETTLEMENT = 2_000;
/** With shared counters, a node with nothing to settle reads the totals this often (the others' likes and views). */
const IDLE_READ_MS = 1_000;

export class Audience {
  /** Whose audience the counters count: `show:<id>` of the live show, else `room:<id>`. */
  #scope: string;
  #own: ScopeTotals = emptyTotals();
  #peers = new Map<string, { online: number; at: number }>();
  /** Per-process counters only: each node's share, kept after it goes quiet (its likes still count). */
  #peerShares = new Map<string, ScopeTotals>();
  /** Gathered here since the last settlement was made. */
  #likes = 0;
  #chat: ChatTally = { accepted: 0, shown: 0, stored: 0 };
  #joins: string[] = [];
  #leaves: string[] = [];
  /** Made but not yet confirmed: sent again, unchanged, until the counters answer. */
  #unconfirmed: { scope: string; settlement: Settlement } | undefined;
  #settlements = 0;
  /** Scopes left behind by a show change, retired once nothing of theirs waits to be settled. */
  #left: string[] = [];
  /** Viewers dropped from a full waiting list (for the log). */
  dropped = 0;
  /** The show counted here ended: its scope is retired when the hub closes. */
  #ended = false;
  /** When the totals were last answered by the counters (a settlement or a read). */
  #answeredAt = -Infinity;

  private constructor(
    private readonly deps: AudienceDeps,
    private readonly node: string,
    showId: string | undefined,
  ) {
    this.#scope = showId ? showScope(showId) : `room:${deps.roomId}`;
  }

  /** Starts from the counters' totals, or from zeros when they do not answer (the first settlement catches up). */
  static async open(deps: AudienceDeps, node: string, showId: string | undefined, onLoadError: (err: unknown) => void): Promise<Audience> {
    const audience = new Audience(deps, node, showId);
    await audience.#load().catch(onLoadError);
    return audience;
  }

  get scope(): string {
    return this.#scope;
  }

  get #shared(): boolean {
    return this.deps.counters.kind !== 'memory';
  }

  /** True when the counters are shared by every node: the roster lives there, and node states stay off the bus. */
  get shared(): boolean {
    return this.#shared;
  }

  async #load(): Promise<void> {
    const scope = this.#scope;
    const totals = await withTimeout(this.deps.counters.read(scope), this.deps.settleTimeoutMs, 'reading the counters');
    this.#apply(scope, totals);
  }

  /** Takes a counters answer, unless the show changed while it was on its way (the previous show's totals must never leak into the new one's). */
  #apply(scope: string, totals: ScopeTotals): void {
    if (scope !== this.#scope) return;
    const own = this.#own;
    own.likes = Math.max(own.likes, totals.likes);
    own.views = Math.max(own.views, totals.views);
    own.unique = Math.max(own.unique, totals.unique);
    own.pcu = Math.max(own.pcu, totals.pcu);
    own.chat = {
      accepted: Math.max(own.chat.accepted, totals.chat.accepted),
      shown: Math.max(own.chat.shown, totals.chat.shown),
      stored: Math.max(own.chat.stored, totals.chat.stored),
    };
  }

  /** Online now: this node's sockets plus every node heard from within peerTimeoutMs. */
  online(localSockets: number): number {
    return localSockets + this.peerSockets().reduce((n, p) => n + p.online, 0);
  }

  /**
   * The other nodes heard from within peerTimeoutMs, with their sockets. With shared counters the
   * roster itself drops a node unheard of for that long; while the counters do not answer, the last
   * roster read stands (the shares stay as they were instead of every node thinking it is alone).
   */
  peerSockets(): { node: string; online: number }[] {
    const now = this.deps.now();
    const live: { node: string; online: number }[] = [];
    for (const [node, peer] of this.#peers) {
      if (!this.#shared && now - peer.at > this.deps.peerTimeoutMs) this.#peers.delete(node);
      else live.push({ node, online: peer.online });
    }
    return live;
  }

  /** The numbers shown: the totals, this node's unsettled likes on top, other nodes' shares with per-process counters. */
  counts(online: number): RoomCounts {
    const own = this.#own;
    const c = { online, pcu: Math.max(own.pcu, online), views: own.views, unique: own.unique, likes: own.likes + this.#unsettledLikes() };
    if (this.#shared) return c;
    for (const share of this.#peerShares.values()) {
      c.likes += share.likes;
      c.views += share.views;
      c.unique += share.unique;
    }
    return c;
  }

  /** Chat accepted, shown and stored in this scope by every node (the show's totals). */
  chatTotals(): ChatTally {
    const t = this.#ownChat();
    if (!this.#shared) for (const share of this.#peerShares.values()) addTally(t, share.chat);
    return t;
  }

  /** The counters' totals and what this node has not settled yet (with per-process counters: this node's share alone). */
  #ownChat(): ChatTally {
    const t = { ...this.#own.chat };
    addTally(t, this.#chat);
    if (this.#unconfirmed?.scope === this.#scope) addTally(t, this.#unconfirmed.settlement.chat);
    return t;
  }

  #unsettledLikes(): number {
    return this.#likes + (this.#unconfirmed?.scope === this.#scope ? this.#unconfirmed.settlement.likes : 0);
  }

  /** A join: a view unless the same viewer left within the view window (or is here already); counted at the next settlement. */
  join(viewerId: string): void {
    if (this.#joins.length < MAX_WAITING_VIEWERS) this.#joins.push(viewerId);
    else this.dropped++;
  }

  /** The window starts again when the viewer leaves: a reconnect within it is the same view. */
  leave(viewerId: string): void {
    if (this.#leaves.length < MAX_WAITING_VIEWERS) this.#leaves.push(viewerId);
  }

  addLikes(n: number): void {
    this.#likes += n;
  }

  noteChat(tally: Partial<ChatTally>): void {
    this.#chat.accepted += tally.accepted ?? 0;
    this.#chat.shown += tally.shown ?? 0;
    this.#chat.stored += tally.stored ?? 0;
  }

  /**
   * Settles what this node gathered (or the settlement still unconfirmed) into the counters.
   * Resolves true when the totals shown changed; rejects when the counters failed or timed out
   * (the settlement is kept and sent again next time).
   */
  async settle(localSockets: number): Promise<boolean> {
    const pending = this.#unconfirmed ?? this.#make(this.online(localSockets));
    if (!pending) return this.#shared ? this.#readIdle() : false;
    this.#unconfirmed = pending;
    const totals = await withTimeout(this.deps.counters.settle(pending.scope, pending.settlement), this.deps.settleTimeoutMs, 'settling the counters');
    this.#answeredAt = this.deps.now();
    const before = this.#fingerprint();
    // Confirmed: its likes are in the totals now, so they stop counting as unsettled in the same step.
    this.#unconfirmed = undefined;
    this.#apply(pending.scope, totals);
    await this.#retireLeftScopes();
    return this.#fingerprint() !== before;
  }

  /**
   * Nothing to settle here: the others' likes and views still reach this node's viewers, from a
   * read of the totals once a second (with node states off the bus, nothing else brings them).
   */
  async #readIdle(): Promise<boolean> {
    const now = this.deps.now();
    if (now - this.#answeredAt < IDLE_READ_MS) return false;
    this.#answeredAt = now;
    const scope = this.#scope;
    const totals = await withTimeout(this.deps.counters.read(scope), this.deps.settleTimeoutMs, 'reading the counters');
    const before = this.#fingerprint();
    this.#apply(scope, totals);
    return this.#fingerprint() !== before;
  }

  /**
   * Shared counters: writes this node's sockets into the room's roster and takes every other
   * node's from it, in one call (whatever the number of nodes). A node missing from the answer
   * left or was unheard of for peerTimeoutMs: it counts zero. Resolves true when the numbers
   * shown changed; rejects when the counters failed (the last roster stays until peerTimeoutMs).
   */
  async announce(localSockets: number): Promise<boolean> {
    const { counters, roomId, peerTimeoutMs, settleTimeoutMs } = this.deps;
    const entries = await withTimeout(counters.roster(roomId, this.node, localSockets, peerTimeoutMs), settleTimeoutMs, 'reading the room roster');
    return this.onRoster(entries);
  }

  /** The room's roster as the counters answered it: the other nodes and their sockets, now. */
  onRoster(entries: readonly RosterEntry[]): boolean {
    const before = this.#fingerprint();
    const at = this.deps.now();
    this.#peers.clear();
    for (const e of entries) if (e.node !== this.node) this.#peers.set(e.node, { online: e.online, at });
    return this.#fingerprint() !== before;
  }

  /** This node's hub is closing: it leaves the room's roster, so the others stop counting its sockets at their next read. */
  async leaveRoster(): Promise<void> {
    if (this.#shared) await this.deps.counters.roster(this.deps.roomId, this.node, null, this.deps.peerTimeoutMs);
  }

  #make(online: number): { scope: string; settlement: Settlement } | undefined {
    const c = this.#chat;
    const idle = this.#likes === 0 && this.#joins.length === 0 && this.#leaves.length === 0 && c.accepted + c.shown + c.stored === 0;
    if (idle && online <= this.#own.pcu) return undefined;
    const settlement: Settlement = {
      id: `${this.node}.${this.#settlements++}`,
      likes: this.#likes,
      online,
      joins: this.#joins.splice(0, VIEWERS_PER_SETTLEMENT),
      leaves: this.#leaves.splice(0, VIEWERS_PER_SETTLEMENT),
      viewWindowMs: this.deps.viewWindowMs,
      chat: this.#chat,
    };
    this.#likes = 0;
    this.#chat = { accepted: 0, shown: 0, stored: 0 };
    return { scope: this.#scope, settlement };
  }

  async #retireLeftScopes(): Promise<void> {
    const done = this.#left.filter((scope) => this.#unconfirmed?.scope !== scope);
    this.#left = this.#left.filter((scope) => !done.includes(scope));
    await Promise.all(done.map((scope) => this.deps.counters.retire(scope).catch(() => {})));
  }

  /**
   * A show went live: its counters from now on. Returns false when it already was this show.
   * The previous scope is retired once nothing of it waits to be settled; likes and chat gathered
   * but not yet settled go to the new show (they are from its first moments).
   */
  async startShow(showId: string): Promise<boolean> {
    const scope = `show:${showId}`;
    if (scope === this.#scope) return false;
    this.#left.push(this.#scope);
    this.#scope = scope;
    this.#ended = false;
    this.#own = emptyTotals();
    this.#peerShares.clear();
    // Everyone present is counted again as a view of the new show (the hub re-joins them).
    this.#joins = [];
    this.#leaves = [];
    await this.#load().catch(() => {});
    if (!this.#unconfirmed) await this.#retireLeftScopes();
    return true;
  }

  /** Whether the show counted here has ended (the numbers stay until the next show starts). */
  get ended(): boolean {
    return this.#ended;
  }

  /** A show ended; if it is the one counted here, its scope is retired when the hub closes. */
  showEnded(showId: string): void {
    if (this.#scope === `show:${showId}`) this.#ended = true;
  }

  /** The hub is closing: a scope whose show ended is retired now (nobody on this node counts into it any more). */
  async close(): Promise<void> {
    if (this.#ended) this.#left.push(this.#scope);
    await this.#retireLeftScopes();
  }

  /** A node's part of a room's display budget per second: the budget × its share of the room's sockets. */
  share(budget: number, localSockets: number): number {
    const total = this.online(localSockets);
    return total === 0 ? budget : (budget * localSockets) / total;
  }

  /**
   * What this node tells the others each tick (or heartbeat). With per-process counters, its own
   * share only: a share that included the others' would be counted again at every node it reaches.
   */
  state(localSockets: number): AudienceState {
    const { views, unique, pcu } = this.#own;
    const likes = this.#shared ? this.#own.likes : this.#own.likes + this.#unsettledLikes();
    return { node: this.node, scope: this.#scope, online: localSockets, likes, views, unique, pcu, chat: this.#shared ? this.#own.chat : this.#ownChat(), shared: this.#shared };
  }

  /** Another node's state; returns true when the numbers shown changed (a heartbeat usually changes nothing). */
  onPeer(peer: AudienceState): boolean {
    const before = this.#fingerprint();
    this.#peers.set(peer.node, { online: peer.online, at: this.deps.now() });
    // A node still on the previous show (or already on the next): only its sockets count.
    if (peer.scope === this.#scope) {
      const { likes, views, unique, pcu, chat } = peer;
      const totals: ScopeTotals = { likes, views, unique, pcu, chat: chat ?? { accepted: 0, shown: 0, stored: 0 } };
      if (peer.shared) this.#apply(this.#scope, totals);
      else {
        this.#own.pcu = Math.max(this.#own.pcu, pcu);
        this.#peerShares.set(peer.node, totals);
      }
    }
    return this.#fingerprint() !== before;
  }

  /** True when this node has heard from `node` within peerTimeoutMs. */
  knows(node: string): boolean {
    return this.#peers.has(node);
  }

  /** A node said it left the room (its hub closed): its sockets stop counting at once. */
  onPeerGone(node: string): boolean {
    return this.#peers.delete(node);
  }

  /** The numbers shown, ignoring this node's own sockets (which the hub tracks itself). */
  #fingerprint(): string {
    const c = this.counts(this.online(0));
    return `${c.online} ${c.pcu} ${c.views} ${c.unique} ${c.likes}`;
  }
}

function addTally(t: ChatTally, x: ChatTally): void {
  t.accepted += x.accepted;
  t.shown += x.shown;
  t.stored += x.stored;
}
