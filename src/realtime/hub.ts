import { randomBytes } from 'node:crypto';
import type { RoomEvent } from '../contracts/room-events.schemas';
import { PROTOCOL_VERSION, closeCodes, type ChatMessage, type RoomCounts } from '../contracts/realtime.schemas';
import { errorCatalogue } from '../contracts/errors';
import { newId } from '../kernel/ids';
import { Audience } from './audience';
import { ChatSampler } from './chat-sampler';
import { writeToAll } from './fanout';
import type { Client, HubDeps, HubMetrics } from './hub.types';
import { RoomModeration } from './room-moderation';
import { BatchLog } from './batch-log';
import { HubPeers, hubTopic, shopModerationTopic, type HubMessage, type ShopMessage } from './hub-peers';
import { HubTicker, laneCount } from './hub-ticker';
import { takeLikes } from './like-budget';
import { sendEncoded } from './wire';

export type { Client, HubDeps, HubMetrics, HubOptions, HubRoom, HubStore } from './hub.types';

const noMetrics: HubMetrics = { rooms() {}, sockets() {}, tick() {}, chat() {} };

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
 * - A socket whose send buffer is above `maxBufferedBytes` is passed over; after `slowCloseMs`
 *   behind it is closed with 4008 (it may reconnect and resume). The room never waits for it.
 * - Chat shown to the room is sampled to `chatPerSecond` (the same sample for everyone, so frames
 *   are still shared); host and moderator messages always go out; the sender always gets its own
 *   message in an `ack` frame.
 * - Counts are totals: likes/views/unique/PCU from the counters port, online summed from every
 *   node's last state message on the bus (a node unheard of for `peerTimeoutMs` counts zero).
 */

export { hubTopic, shopModerationTopic } from './hub-peers';

export class RoomHub {
  readonly epoch = randomBytes(6).toString('base64url');
  readonly clients = new Set<Client>();
  #log: BatchLog;
  /** Sub-ticks so far: which lane is written this time. */
  #ticks = 0;
  /** Joins so far: a socket's lane is its join number modulo the number of lanes. */
  #joins = 0;
  #recent: ChatMessage[] = [];
  #chat: ChatSampler;
  /** Accepted here, not yet stored (stored in one insert per tick). */
  #unsaved: ChatMessage[] = [];
  /** The same room's hubs on the other nodes. */
  #peers: HubPeers;
  #deleted: string[] = [];
  #events: RoomEvent[] = [];
  #dirty = false;
  #localLikes = 0;
  #audience!: Audience;
  #lastOnline = -1;
  #acceptedAt: number[] = [];
  #moderation!: RoomModeration;
  #unsubscribe: (() => Promise<void>)[] = [];
  #ticker: HubTicker;
  #saving: Promise<void> = Promise.resolve();
  #metrics: HubMetrics;

  private constructor(private readonly d: HubDeps) {
    this.#chat = new ChatSampler(d.options.chatPerSecond, d.now());
    this.#log = new BatchLog(d.options.resumeFrames);
    this.#metrics = d.metrics ?? noMetrics;
    this.#ticker = new HubTicker(d.options, () => this.clients.size, () => this.tick(), (err) =>
      d.log.error({ err, room: d.room.slug }, 'hub tick failed'),
    );
    this.#peers = new HubPeers({ bus: d.bus, roomId: d.room.id, nodeId: d.nodeId, peerTimeoutMs: d.options.peerTimeoutMs, log: d.log });
  }

  static async open(d: HubDeps): Promise<RoomHub> {
    const hub = new RoomHub(d);
    hub.#moderation = new RoomModeration(await d.store.loadModeration(d.room), d.options.operatorBannedWords, d.options.limits);
    hub.#recent = await d.store.recentChat(d.room.id, d.options.recentMessages);
    const { viewWindowMs, peerTimeoutMs } = d.options;
    hub.#audience = await Audience.open({ roomId: d.room.id, counters: d.counters, viewWindowMs, peerTimeoutMs, now: d.now }, await d.liveShowId(d.room.id));
    hub.#unsubscribe.push(
      await d.bus.subscribe(hubTopic(d.room.id), (msg) => hub.#onHubMessage(msg as HubMessage)),
      await d.bus.subscribe(shopModerationTopic(d.room.shopId), (msg) => hub.#onShopMessage(msg as ShopMessage)),
      await d.subscribeEvents(d.room.id, (e) => {
        if (e.type === 'show.state' && e.state === 'live') {
          hub.#startShow(e).catch((err) => d.log.error({ err, room: d.room.slug }, 'switching to the new show failed'));
          return;
        }
        hub.#events.push(e);
        hub.#dirty = true;
      }),
    );
    hub.#ticker.start();
    hub.#metrics.rooms(1);
    return hub;
  }

  get seq(): number {
    return this.#log.seq;
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

  messagesPerMinute(): number {
    const since = this.d.now() - 60_000;
    while (this.#acceptedAt.length > 0 && this.#acceptedAt[0]! < since) this.#acceptedAt.shift();
    return this.#acceptedAt.length;
  }

  /**
   * Adds a socket: hello (resumed from `resume` if this hub still holds the batches after it,
   * else a snapshot), then what it missed in one frame. Views and unique viewers are counted here.
   */
  async join(client: Client, resume?: { epoch?: string; seq?: number }, viewerKey?: string): Promise<void> {
    const { ws, viewer } = client;
    const canResume = resume?.epoch === this.epoch && resume.seq !== undefined && this.#log.covers(resume.seq);
    const hello = {
      t: 'hello',
      v: PROTOCOL_VERSION,
      room: { id: this.d.room.id, slug: this.d.room.slug },
      viewer,
      ...(viewerKey ? { viewerKey } : {}),
      epoch: this.epoch,
      seq: canResume ? resume.seq! : this.#log.seq,
      resumed: canResume,
      recent: canResume ? [] : this.#recent,
      counts: this.counts(),
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

    await this.#countView(client);
  }

  /** A join is a view unless the same viewer left within the window; the shop's own people are never audience. */
  async #countView(client: Client): Promise<void> {
    if (client.privileged) return;
    try {
      await this.#audience.join(client.viewer.id);
      this.#dirty = true;
    } catch (err) {
      this.d.log.error({ err, room: this.d.room.slug }, 'counting a view failed');
    }
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
    this.#dirty = true;
    if (switched) for (const client of [...this.clients]) await this.#countView(client);
  }

  leave(client: Client): void {
    if (!this.clients.delete(client)) return;
    this.#metrics.sockets(-1);
    this.#dirty = true;
    if (!client.privileged) this.#audience.leave(client.viewer.id);
  }

  /** Adds a socket's coalesced taps, within its budget (like-budget.ts). Without a client, the likes are the server's own (tests). */
  like(n: number, client?: Client): void {
    if (client) n = takeLikes(client, n, this.d.now());
    if (n <= 0) return;
    this.#localLikes += n;
    this.#dirty = true;
  }

  /** Judges and, if accepted, queues a chat message; the sender gets `ack` or `error` at once. */
  chat(client: Client, ref: string, text: string): void {
    const now = this.d.now();
    const verdict = this.#moderation.judge({ text, viewerId: client.viewer.id, privileged: client.privileged, now });
    this.#metrics.chat(verdict.ok ? 'accepted' : verdict.code);
    if (!verdict.ok) {
      const frame = { t: 'error', code: verdict.code, message: errorCatalogue[verdict.code].message, ref, ...(verdict.retryAt ? { retryAt: verdict.retryAt } : {}) };
      client.ws.send(JSON.stringify(frame));
      return;
    }
    const shown = this.d.options.maskText ? this.d.options.maskText(verdict.text) : verdict.text;
    const message: ChatMessage = { id: newId(), at: now, from: client.viewer, text: shown };
    client.ws.send(JSON.stringify({ t: 'ack', ref, message }));
    this.#unsaved.push(message);
    this.#peers.relay(message);
    this.#accept([message]);
  }

  #accept(messages: ChatMessage[]): void {
    for (const m of messages) {
      this.#acceptedAt.push(m.at);
      this.#chat.add(m);
    }
    if (this.#acceptedAt.length > 100_000) this.#acceptedAt.splice(0, this.#acceptedAt.length - 100_000);
    this.#dirty = true;
  }

  #onHubMessage(msg: HubMessage): void {
    switch (msg.k) {
      case 'chat':
        if (msg.node !== this.d.nodeId) this.#accept(msg.messages);
        break;
      case 'state':
        if (msg.node !== this.d.nodeId && this.#audience.onPeer(msg)) this.#dirty = true;
        break;
      case 'delete':
        this.#deleted.push(msg.id);
        this.#recent = this.#recent.filter((m) => m.id !== msg.id);
        this.#chat.remove(msg.id);
        this.#dirty = true;
        break;
      case 'mute':
        this.#moderation.mute(msg.viewerId, msg.until);
        break;
      case 'slow':
        this.#moderation.setSlowMode(msg.seconds);
        this.#dirty = true;
        break;
    }
  }

  #onShopMessage(msg: ShopMessage): void {
    if (msg.k === 'words') this.#moderation.setShopWords(msg.words);
    else if (msg.k === 'unban') this.#moderation.unban(msg.viewerId);
    else if (msg.k === 'ban') {
      this.#moderation.ban(msg.viewerId);
      for (const c of this.clients) if (c.viewer.id === msg.viewerId) c.ws.close(closeCodes.banned, 'banned');
    }
  }

  /** How many lanes a room of this many sockets is written in (hub-ticker.ts). */
  lanesFor(sockets: number): number {
    return laneCount(this.d.options, sockets);
  }

  /**
   * One (sub-)tick: at the start of each round of lanes, settle totals, store chat and tell the
   * other nodes (once per tick, however many lanes); then log a batch if anything changed and
   * bring this sub-tick's lane up to date.
   */
  async tick(): Promise<void> {
    const started = performance.now();
    const now = this.d.now();
    const lanes = this.lanesFor(this.clients.size);
    const lane = this.#ticks++ % lanes;
    if (lane === 0) await this.#settle(now);
    const online = this.#audience.online(this.clients.size);
    // A node that went quiet drops out of `online` here, with no message to say so.
    if (online !== this.#lastOnline) this.#dirty = true;
    this.#lastOnline = online;

    if (this.#dirty) {
      this.#dirty = false;
      const batch = this.#log.append({
        chat: this.#chat.take(now),
        deleted: this.#deleted.splice(0),
        events: this.#events.splice(0),
        counts: this.#audience.counts(online),
        slowModeSeconds: this.#moderation.slowModeSeconds,
      });
      this.#recent.push(...batch.chat);
      if (this.#recent.length > this.d.options.recentMessages) this.#recent.splice(0, this.#recent.length - this.d.options.recentMessages);
    }
    const due = lanes === 1 ? [...this.clients] : [...this.clients].filter((c) => c.slot! % lanes === lane);
    const written = await writeToAll(due, this.#log, now, this.d.options);
    this.#metrics.tick((performance.now() - started) / 1000, written);
  }

  /** Likes and peak into the counters, accepted chat into the database, this node's state onto the bus. */
  async #settle(now: number): Promise<void> {
    const audience = this.#audience;
    if (this.#localLikes > 0) {
      const n = this.#localLikes;
      this.#localLikes = 0;
      await audience.addLikes(n);
    }
    await audience.notePeak(audience.online(this.clients.size));
    this.#store();
    await this.#peers.sendState(audience.state(this.d.nodeId, this.clients.size), now);
  }

  /** Accepted chat, in one insert, written behind (the room does not wait for the database). */
  #store(): void {
    const local = this.#unsaved.splice(0);
    if (local.length === 0) return;
    // Chained so writes stay in order and close() can wait for the last one.
    const save = () => this.d.store.saveChat(this.d.room.id, local).catch((err) => this.d.log.error({ err }, 'saving chat failed'));
    this.#saving = this.#saving.then(save);
  }


  /** Closes the room's sockets on this node (1001: reconnect elsewhere) and leaves the bus. */
  async close(): Promise<void> {
    await this.#ticker.stop();
    await this.#peers.flush();
    this.#store();
    await this.#saving;
    for (const c of this.clients) c.ws.close(closeCodes.goingAway, 'server closing');
    await Promise.all(this.#unsubscribe.splice(0).map((u) => u().catch(() => {})));
    this.#metrics.rooms(-1);
  }
}
