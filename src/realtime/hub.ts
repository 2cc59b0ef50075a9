import { randomBytes } from 'node:crypto';
import type { RoomEvent } from '../contracts/room-events.schemas';
import { PROTOCOL_VERSION, closeCodes, type ChatMessage, type RoomCounts } from '../contracts/realtime.schemas';
import type { ChatTally } from '../platform/counters/counters.port';
import { errorCatalogue } from '../contracts/errors';
import { Audience } from './audience';
import { writeToAll } from './fanout';
import type { Client, HubDeps, HubMetrics, HubRoom } from './hub.types';
import { RoomModeration } from './room-moderation';
import { BatchLog } from './batch-log';
import type { ChatStore } from './chat-store';
import type { HubPeers, HubMessage, ShopMessage } from './hub-peers';
import { hubParts } from './hub-parts';
import { HubTicker, laneCount, socketsOfLanes } from './hub-ticker';
import { CountsPace } from './counts-pace';
import { takeLikes } from './like-budget';
import { newMessageId, RecentIds } from './message-ids';
import type { RoomChat } from './room-chat';
import { HubSettler } from './hub-settle';
import { withTimeout } from '../kernel/timeout';
import { hubTopic, shopModerationTopic } from './topics';
import { encodeFrame, sendEncoded } from './wire';

export type { Client, HubDeps, HubMetrics, HubOptions, HubRoom, HubStore, HubTuning } from './hub.types';

const noMetrics: HubMetrics = { rooms() {}, sockets() {}, tick() {}, chat() {}, chatFlow() {}, fault() {} };

/**
 * One hub per room per node (DESIGN.md §4.1). Chat, likes and room events from local sockets and
 * from the bus are coalesced: each (sub-)tick in which something changed becomes one batch in the
 * hub's log, and each socket is written ONE frame with everything it has not seen, built once per
 * starting point and shared as the same bytes (batch-log.ts, wire.ts). Batching is the 8–10× lever
 * of FIELD-NOTES "Fan-out": a frame per message would cost a kernel write per message per socket.
 *
 * Invariants:
 * - `seq` grows by one per logged batch; the last `resumeFrames` batches are kept, so a socket
 *   that resumes or fell behind gets what it missed in one frame.
 * - A big room is written in lanes, one per sub-tick (hub-ticker.ts): a socket gets a frame per tick,
 *   and the writes are spread over the tick instead of delaying its end.
 * - Between ticks, what viewers should see at once (chat, deletions, events) is written early when
 *   the room's budget of socket writes allows (write-policy.ts): a quiet room is written message
 *   by message, a saturated one once per tick. An early write is a batch like any other.
 * - Counts are in every batch, but changed counts alone (likes, online) make a batch at most every
 *   `countsMs` (counts-pace.ts): a quiet room with likes is not written a frame per tick for them.
 * - A socket whose send buffer is above `maxBufferedBytes` is passed over; after `slowCloseMs`
 *   behind it is closed with 4008 (it may reconnect and resume). The room never waits for it.
 * - Chat is chosen before it is relayed: each node shows (and relays) its share of the room's
 *   `chatPerSecond`, by its share of the room's sockets, and every node shows the same messages
 *   (room-chat.ts); host and moderator messages always go out; the sender always gets its own
 *   message in an `ack` frame.
 * - Counts are totals: likes/views/unique/PCU from the counters port, online summed from every
 *   node's sockets as the room's roster (shared counters) or its last state on the bus
 *   (per-process counters) says (a node unheard of for `peerTimeoutMs` counts zero).
 * - The write path never waits for Redis, the bus or the database: the numbers are settled and the
 *   state announced beside it (at most one settlement at a time, each bounded by
 *   `settleTimeoutMs`), chat is stored behind it (chat-store.ts); while one of them is down the
 *   room goes on with this node's own data and catches up when it returns.
 */
export class RoomHub {
  readonly epoch = randomBytes(6).toString('base64url');
  readonly clients = new Set<Client>();
  #log: BatchLog;
  /** Sub-ticks so far: which lane is written this time. */
  #ticks = 0;
  /** Joins so far: a socket's lane is its join number modulo the number of lanes. */
  #joins = 0;
  #recent: ChatMessage[] = [];
  #chat: RoomChat;
  #store: ChatStore;
  /** The same room's hubs on the other nodes. */
  #peers: HubPeers;
  #deleted: string[] = [];
  #events: RoomEvent[] = [];
  #dirty = false;
  /** What changed includes more than counts (see #changed). */
  #urgent = false;
  /** Deletions within the window: a message that arrives after its deletion is never shown. */
  #deletedIds = new RecentIds();
  /** Messages accepted on this node within the window: this node stores them, and their deletion. */
  #ownIds = new RecentIds();
  #audience!: Audience;
  #settler!: HubSettler;
  #lastOnline = -1;
  #moderation!: RoomModeration;
  #unsubscribe: (() => Promise<void>)[] = [];
  #ticker: HubTicker;
  #countsPace: CountsPace;
  #metrics: HubMetrics;
  #outages: ReturnType<typeof hubParts>['outages'];

  private constructor(private readonly deps: HubDeps) {
    const { options, room, log } = deps;
    this.#log = new BatchLog(options.resumeFrames);
    this.#metrics = deps.metrics ?? noMetrics;
    this.#countsPace = new CountsPace(options.countsMs);
    this.#ticker = new HubTicker(options, {
      sockets: () => this.clients.size,
      tick: () => this.tick(),
      flush: () => this.flush(),
      onError: (err) => log.error({ err, room: room.slug }, 'hub write failed'),
    });
    ({ outages: this.#outages, peers: this.#peers, store: this.#store, chat: this.#chat } = hubParts(deps, this.#metrics, (change) => this.#audience.noteChat(change)));
  }

  static async open(deps: HubDeps): Promise<RoomHub> {
    const { options, room } = deps;
    const hub = new RoomHub(deps);
    hub.#moderation = new RoomModeration(await deps.store.loadModeration(room), options.operatorBannedWords, options.limits);
    hub.#recent = await deps.store.recentChat(room.id, options.recentMessages);
    const { viewWindowMs, peerTimeoutMs, settleTimeoutMs } = options;
    const audienceDeps = { roomId: room.id, counters: deps.counters, viewWindowMs, peerTimeoutMs, settleTimeoutMs, now: deps.now };
    hub.#audience = await Audience.open(audienceDeps, deps.nodeId, await deps.liveShowId(room.id), (err) => hub.#outages.counters.failed(err));
    hub.#settler = new HubSettler({
      audience: hub.#audience, peers: hub.#peers, sockets: () => hub.clients.size, timeoutMs: settleTimeoutMs, now: deps.now,
      rosterPeriodMs: Math.min(1000, peerTimeoutMs / 3),
      outages: hub.#outages, changed: () => (hub.#dirty = true),
    });
    hub.#unsubscribe.push(
      await deps.bus.subscribe(hubTopic(room.id), (msg) => hub.#onHubMessage(msg as HubMessage)),
      await deps.bus.subscribe(shopModerationTopic(room.shopId), (msg) => hub.#onShopMessage(msg as ShopMessage)),
      await deps.subscribeEvents(room.id, (e) => hub.#onRoomEvent(e)),
    );
    hub.#ticker.start();
    hub.#metrics.rooms(1);
    return hub;
  }

  get seq(): number {
    return this.#log.seq;
  }

  /** The room. */
  get room(): HubRoom {
    return this.deps.room;
  }

  /**
   * The live show whose audience this hub counts (its counters scope is `show:<id>`); undefined
   * between shows, including once the show ended and before the next one starts.
   */
  get showId(): string | undefined {
    const scope = this.#audience.scope;
    return scope.startsWith('show:') && !this.#audience.ended ? scope.slice('show:'.length) : undefined;
  }

  get slowModeSeconds(): number {
    return this.#moderation.slowModeSeconds;
  }

  isBanned(viewerId: string): boolean {
    return this.#moderation.isBanned(viewerId);
  }

  counts(): RoomCounts {
    return this.#audience.counts(this.#audience.online(this.clients.size));
  }

  /** Settles the numbers now (joins and leaves waiting for the next tick counted), for a reader that must see them counted. */
  settleNow(): Promise<void> {
    return this.#settler.flush();
  }

  /** Resolves once the settlement a tick started (if any) is done, without starting another. */
  settled(): Promise<void> {
    return this.#settler.idle();
  }

  /** Chat accepted, shown and stored in the room (the show's totals, every node's). */
  chatTotals(): ChatTally {
    return this.#audience.chatTotals();
  }

  /** Chat accepted in the whole room over about the last minute. */
  messagesPerMinute(): number {
    return this.#settler.messagesPerMinute();
  }

  /**
   * Adds a socket: hello (resumed from `resume` if this hub still holds the batches after it,
   * else a snapshot), then what it missed in one frame. Views and unique viewers are counted at
   * the next settlement; the shop's own people are never audience.
   */
  join(client: Client, resume?: { epoch?: string; seq?: number }, viewerKey?: string): void {
    const { ws, viewer } = client;
    const canResume = resume?.epoch === this.epoch && resume.seq !== undefined && this.#log.covers(resume.seq);
    const hello = {
      t: 'hello',
      v: PROTOCOL_VERSION,
      room: { id: this.deps.room.id, slug: this.deps.room.slug },
      viewer,
      ...(viewerKey ? { viewerKey } : {}),
      epoch: this.epoch,
      seq: canResume ? resume.seq! : this.#log.seq,
      resumed: canResume,
      recent: canResume ? [] : this.#recent,
      // Totals that already count this socket online (its view is counted at the next settlement).
      counts: this.#audience.counts(this.#audience.online(this.clients.size + 1)),
      slowModeSeconds: this.#moderation.slowModeSeconds,
    };
    ws.send(JSON.stringify(hello));
    const missed = canResume ? this.#log.since(resume.seq!) : undefined;
    if (missed) sendEncoded(ws, missed);
    client.seq = this.#log.seq;
    client.slot = this.#joins++;
    this.clients.add(client);
    this.#metrics.sockets(1);
    this.#dirty = true;
    if (!client.privileged) this.#audience.join(viewer.id);
  }

  leave(client: Client): void {
    if (!this.clients.delete(client)) return;
    this.#metrics.sockets(-1);
    this.#dirty = true;
    if (!client.privileged) this.#audience.leave(client.viewer.id);
  }

  /** Adds a socket's coalesced taps, within its budget (like-budget.ts). Without a client, the likes are the server's own (tests). */
  like(n: number, client?: Client): void {
    if (client) n = takeLikes(client, n, this.deps.now());
    if (n <= 0) return;
    this.#audience.addLikes(n);
    this.#dirty = true;
  }

  /** Judges and, if accepted, queues a chat message; the sender gets `ack` or `error` at once. */
  chat(client: Client, ref: string, text: string): void {
    const now = this.deps.now();
    const verdict = this.#moderation.judge({ text, viewerId: client.viewer.id, privileged: client.privileged, now });
    this.#metrics.chat(verdict.ok ? 'accepted' : verdict.code);
    if (!verdict.ok) {
      const frame = { t: 'error', code: verdict.code, message: errorCatalogue[verdict.code].message, ref, ...(verdict.retryAt ? { retryAt: verdict.retryAt } : {}) };
      client.ws.send(JSON.stringify(frame));
      return;
    }
    const shown = this.deps.options.maskText ? this.deps.options.maskText(verdict.text) : verdict.text;
    const message: ChatMessage = { id: newMessageId(), at: now, from: client.viewer, text: shown };
    // One write of header and payload together, as a batch is written (ws.send corks two).
    sendEncoded(client.ws, encodeFrame(JSON.stringify({ t: 'ack', ref, message })));
    this.#ownIds.add(message.id, now);
    this.#chat.accept(message, this.#share());
    this.#changed();
  }

  /** Something viewers should see at once (chat, a deletion, an event, slow mode): written early if the room is quiet enough. */
  #changed(): void {
    this.#dirty = true;
    this.#urgent = true;
    this.#ticker.nudge();
  }

  #share(): number {
    return this.#audience.share(this.deps.options.chatPerSecond, this.clients.size);
  }

  #onHubMessage(msg: HubMessage): void {
    switch (msg.k) {
      case 'chat':
        if (msg.node === this.deps.nodeId) break;
        this.#chat.fromPeer(msg.messages.filter((m) => !this.#deletedIds.has(m.id, this.deps.now())));
        this.#changed();
        break;
      case 'state':
        if (msg.node === this.deps.nodeId) break;
        if (!this.#audience.knows(msg.node)) this.#settler.newPeer();
        if (this.#audience.onPeer(msg)) this.#dirty = true;
        break;
      case 'gone':
        if (msg.node !== this.deps.nodeId && this.#audience.onPeerGone(msg.node)) this.#dirty = true;
        break;
      case 'delete':
        this.#delete(msg.id);
        break;
      case 'mute':
        this.#moderation.mute(msg.viewerId, msg.until);
        break;
      case 'slow':
        this.#moderation.setSlowMode(msg.seconds);
        this.#changed();
        break;
      case 'buyer':
        // A viewer becomes a buyer; the shop's own people keep their role.
        for (const c of this.clients) if (c.viewer.id === msg.viewerId && c.viewer.role === 'viewer') c.viewer = { ...c.viewer, role: 'buyer' };
        break;
    }
  }

  /**
   * A moderator deleted a message: by id, whichever arrives first. It is removed wherever it is
   * (waiting, in the snapshot; sockets drop it on the `deleted` id), and remembered for the window
   * in case the message itself is still on its way from another node. The node that accepted it
   * stores it, so it stores the deletion too, after the message (chat-store.ts).
   */
  #delete(id: string): void {
    const now = this.deps.now();
    this.#deletedIds.add(id, now);
    this.#deleted.push(id);
    this.#recent = this.#recent.filter((m) => m.id !== id);
    this.#chat.remove(id);
    if (this.#ownIds.has(id, now)) this.#store.deleted(id);
    this.#changed();
  }

  #onShopMessage(msg: ShopMessage): void {
    const banned = this.#moderation.apply(msg);
    if (banned) for (const c of this.clients) if (c.viewer.id === banned) c.ws.close(closeCodes.banned, 'banned');
  }

  #onRoomEvent(e: RoomEvent): void {
    if (e.type === 'show.state' && e.state === 'live') {
      this.#startShow(e).catch((err) => this.deps.log.error({ err, room: this.deps.room.slug }, 'switching to the new show failed'));
      return;
    }
    if (e.type === 'show.state' && e.state === 'ended') this.#audience.showEnded(e.showId);
    this.#events.push(e);
    this.#changed();
  }

  /**
   * A show went live: from now on the numbers are the show's. Everyone already in the room is a
   * view of it (each node counts its own sockets; the view window keeps that once per viewer).
   * The same show announced again changes nothing.
   */
  async #startShow(event: RoomEvent & { type: 'show.state' }): Promise<void> {
    const switched = await this.#audience.startShow(event.showId);
    // The event goes out with the show's numbers, in the same batch.
    this.#events.push(event);
    this.#changed();
    if (switched) for (const client of this.clients) if (!client.privileged) this.#audience.join(client.viewer.id);
  }

  /** How many lanes a room of this many sockets is written in (hub-ticker.ts). */
  lanesFor = (sockets: number): number => laneCount(this.deps.options, sockets);

  /**
   * One (sub-)tick: a round of lanes starts settling the numbers (beside the write path, one at a
   * time); a batch is logged if anything changed (counts alone as the pace allows), and this
   * sub-tick's lane brought up to date. Resolves to the frames written.
   */
  async tick(): Promise<number> {
    const started = performance.now();
    const now = this.deps.now();
    const lanes = this.lanesFor(this.clients.size);
    const lane = this.#ticks++ % lanes;
    if (lane === 0) this.#settler.start();
    const online = this.#audience.online(this.clients.size);
    // A node that went quiet drops out of `online` here, with no message to say so.
    if (online !== this.#lastOnline) this.#dirty = true;
    this.#lastOnline = online;
    if (this.#urgent || this.#chat.waiting || this.#countsPace.due(now)) this.#logBatch(now, online);
    return this.#write(socketsOfLanes(this.clients, lanes, lane), now, started);
  }

  /** An early write (hub-ticker.ts): what is waiting, to every lane now; the numbers are settled at ticks only. */
  async flush(): Promise<number> {
    const started = performance.now();
    const now = this.deps.now();
    this.#logBatch(now, this.#audience.online(this.clients.size));
    const lanes = this.lanesFor(this.clients.size);
    return this.#write(socketsOfLanes(this.clients, lanes, this.#ticks % lanes, lanes), now, started);
  }

  /** Logs a batch of what changed since the last one, if anything did. */
  #logBatch(now: number, online: number): void {
    if (!this.#dirty && !this.#chat.waiting) return;
    this.#dirty = false;
    this.#urgent = false;
    const batch = this.#log.append({
      chat: this.#chat.take(this.#share(), now),
      deleted: this.#deleted.splice(0),
      events: this.#events.splice(0),
      counts: this.#audience.counts(online),
      slowModeSeconds: this.#moderation.slowModeSeconds,
    });
    this.#countsPace.wrote(now);
    this.#recent.push(...batch.chat);
    if (this.#recent.length > this.deps.options.recentMessages) this.#recent.splice(0, this.#recent.length - this.deps.options.recentMessages);
  }

  async #write(due: Client[], now: number, started: number): Promise<number> {
    const written = await writeToAll(due, this.#log, now, this.deps.options);
    this.#metrics.tick((performance.now() - started) / 1000, written);
    return written.frames;
  }

  /** Closes the room's sockets on this node (1001: reconnect elsewhere) and leaves the bus; each step bounded, so a dead Redis cannot hold it. */
  async close(): Promise<void> {
    await this.#ticker.stop();
    await this.#settler.flush();
    const bounded = (work: Promise<unknown>) => withTimeout(work, this.deps.options.settleTimeoutMs, 'closing the hub').catch(() => {});
    await bounded(this.#peers.flush());
    await bounded(this.#audience.leaveRoster());
    await bounded(this.#peers.gone());
    await this.#store.close(5_000);
    await bounded(this.#audience.close());
    for (const c of this.clients) c.ws.close(closeCodes.goingAway, 'server closing');
    await Promise.all(this.#unsubscribe.splice(0).map((u) => bounded(u())));
    this.#metrics.rooms(-1);
  }
}
