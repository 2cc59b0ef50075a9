import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import type { Db } from '../platform/db/db.port';
import type { Bus } from '../platform/bus/bus.port';
import { systemClock, type Clock } from '../kernel/clock';
import { createIdentity, memoryLoginFailures, redisLoginFailures, type Identity } from '../identity';
import { createCatalog, type Catalog, type Products } from '../catalog';
import { createClickOut, createLinkPolicy, createVerifiedHosts, decide, isSafeTarget, type ClickOut, type LinkPolicyService, type VerifiedHosts } from '../links';
import type { Marketplace } from '../contracts/links.schemas';
import type { BlobStore } from '../platform/blob/blob.port';
import { LocalBlobStore } from '../platform/blob/blob.local';
import { createDiscovery, createRooms, createShows, createStreamKeys, type Discovery, type Rooms, type Shows, type StreamKeys } from '../live';
import { createCart, type Cart } from '../cart';
import { createVideo, type Video } from '../media';
import { createSales, SALES_EVENTS_TOPIC, type CampaignTake, type Sales } from '../sales';
import { createAnalytics, defaultAnalyticsOptions, type Analytics, type AnalyticsOptions } from '../analytics';
import { createSharesContext, type SharesContext } from '../shares';
import { createWebhooks, type Webhooks } from '../webhooks';
import { cartWebhookSource, giftsWebhookSource, liveWebhookSource, salesWebhookSource } from './webhook-sources';
import { createGifts, type Gifts } from '../gifts';
import { createEmbedOrigins, type EmbedOriginsService } from '../embed';
import { createEventStreams, type EventStreams } from '../stream';
import { storedSalesEvent } from '../contracts/sales-events.schemas';
import type { StockGate } from '../platform/gate/gate.port';
import { sandboxSecret } from './sandbox-secret';
import { createRoomEvents, type Realtime, type RoomEvents } from '../realtime';
import type { RoomEvent } from '../contracts/room-events.schemas';
import type { Counters } from '../platform/counters/counters.port';
import type { Config } from './config';
import { createHttpServer } from './http/server';
import { Registry } from 'prom-client';
import type { Redis } from 'ioredis';
import { openBus, openCounters, openDatabase, openGate, openRateLimitStore } from './infrastructure';
import { realtimeMetrics } from './realtime-metrics';
import { meteredGate, orderMetrics } from './sales-metrics';
import { ANONYMOUS_SHARER } from '../contracts/analytics.schemas';
import { webhookMetrics } from './webhook-metrics';
import { registerRoutes } from './routes';
import { wireRealtime } from './wire-realtime';
import { secretFromConfigOrFile } from './secret-file';

export const webDistDir = fileURLToPath(new URL('../../web/dist', import.meta.url));

export interface Hutong {
  config: Config;
  http: FastifyInstance;
  db: Db;
  bus: Bus;
  identity: Identity;
  products: Products;
  /** Products, images, external listings, commission rates. */
  catalog: Catalog;
  /** Each room's cart and its pinned item (讲解卡); `cart.pins(roomId, window)` for replay chapters. */
  cart: Cart;
  /** The operator's link policy: `linkPolicy.current()` is the snapshot for maskLinks(). */
  linkPolicy: LinkPolicyService;
  /** Hosts the operator verified: "other" click-outs to them skip the leaving page. */
  verifiedHosts: VerifiedHosts;
  clickOut: ClickOut;
  blobs: BlobStore;
  rooms: Rooms;
  roomEvents: RoomEvents;
  shows: Shows;
  streamKeys: StreamKeys;
  /** Public lists: shows live now, upcoming, replays; a shop's rooms. */
  discovery: Discovery;
  /** Live video: `video.listen()` opens the embedded RTMP ingest (serve does; tests on a free port). */
  video: Video;
  /** Live rooms: socket hubs, chat, likes, audience numbers, moderation. */
  realtime: Realtime;
  /** Orders, payments, flash sales, presales, coupons; `sales.sweep()` moves time-driven work (tests). */
  sales: Sales;
  /** Short links, share tokens, QR codes and posters, their visits; link-preview pages. */
  shares: SharesContext;
  /** Webhook endpoints and their deliveries; `webhooks.round()` runs one round at once (tests). */
  webhooks: Webhooks;
  /** Claimable gifts; `gifts.sweep()` returns those past their window now (tests). */
  gifts: Gifts;
  gate: StockGate;
  counters: Counters;
  /** Each show's per-minute series, funnel and products (docs/metrics.md); `analytics.settle()` writes now (tests). */
  analytics: Analytics;
  /** Which origins may embed each shop's rooms (/embed/ROOM's frame-ancestors). */
  embedOrigins: EmbedOriginsService;
  /** Each room's live event stream (SSE): the room events, the audience each second, orders for keys. */
  eventStreams: EventStreams;
  /** Stops taking requests, then closes the bus and the database (releasing the data-dir lock). */
  close(): Promise<void>;
}

export interface HutongOverrides {
  /** An already-open database (tests pass an in-memory PGlite); closed with the app. */
  db?: Db;
  bus?: Bus;
  /** Counters for the live rooms (tests pass Redis counters with a key prefix of their own). */
  counters?: Counters;
  /** Where images go (default: local files under HUTONG_DATA_DIR/blobs). */
  blobs?: BlobStore;
  clock?: Clock;
  logStream?: DestinationStream;
  /** The built web app to serve (tests build their own). */
  webDistDir?: string;
  /** The flash-sale stock gate (tests pass a Redis gate with a key prefix of their own); closed by the caller. */
  gate?: StockGate;
  /**
   * The flash bench's row-locking baseline: no gate in front of the database, and this take instead
   * of the conditional UPDATE. Nothing else uses it.
   */
  flashBaseline?: { take: CampaignTake };
  /** How often analytics samples, writes and reads the outbox (tests sample by hand with `analytics.settle()`). */
  analytics?: Partial<AnalyticsOptions>;
}

/**
 * The composition root: the one place that knows which adapters are in use and wires
 * contexts together. Opens the database (migrated), the bus, the services and the HTTP app.
 */
export async function createHutong(config: Config, overrides: HutongOverrides = {}): Promise<Hutong> {
  const clock = overrides.clock ?? systemClock;
  const db = overrides.db ?? (await openDatabase(config));
  let bus: Bus | undefined;
  let counters: Counters | undefined;
  let rateLimitRedis: Redis | undefined;
  let gate: StockGate | undefined;
  try {
    bus = overrides.bus ?? (await openBus(config.bus, config.redisCommandTimeoutMs));
    const identity = createIdentity({ db, bus, clock, sessionTtlHours: config.sessionTtlHours, sessionCacheMs: config.sessionCacheMs, apiKeyRatePerMinute: config.apiKeyRatePerMinute });
    await identity.start();
    const blobs = overrides.blobs ?? new LocalBlobStore(join(config.dataDir, 'blobs'));
    const catalog = createCatalog({ db, blobs });
    const products = catalog.products;
    const roomEvents = createRoomEvents({ bus });
    // Who hears of a show starting or ending on this node besides the room (sales credits orders to it).
    const showChanges: ((roomId: string) => void)[] = [];
    // Who hears of a show ending on this node (realtime lets go of its numbers on every node).
    const showEnds: ((roomId: string, showId: string) => void)[] = [];
    // Who hears that live or the cart committed an event to its outbox on this node (webhooks look at once).
    const outboxWrites: (() => void)[] = [];
    const announce = (roomId: string, event: RoomEvent) => {
      if ((event.type === 'show.state' && (event.state === 'live' || event.state === 'ended')) || event.type === 'product.pinned')
        for (const written of outboxWrites) written();
      if (event.type === 'show.state') for (const changed of showChanges) changed(roomId);
      if (event.type === 'show.state' && event.state === 'ended') for (const ended of showEnds) ended(roomId, event.showId);
      return roomEvents.publish(roomId, event);
    };
    const rooms = createRooms({ db, bus });
    await rooms.start();
    const shows = createShows({ db, clock, rooms, announce });
    // The 32-byte key that seals stream keys at rest (stream-keys.service.ts).
    const sealingKey = secretFromConfigOrFile({
      configured: config.video.streamKeySecret, dataDir: config.dataDir, file: 'stream-key.secret', bytes: 32, encoding: 'hex',
      parse: (text) => (/^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : undefined), shape: '64 hex digits',
    });
    const streamKeys = createStreamKeys({ db, clock, sealingKey });
    const linkPolicy = createLinkPolicy({ db, bus, displayNames: identity.accounts.displayNames });
    // Attribution names the show that was live when the viewer clicked out.
    const verifiedHosts = createVerifiedHosts({ db });
    const clickOut = createClickOut({
      db, policy: linkPolicy, target: (id) => catalog.listings.target(id), liveShowOf: shows.liveNow, isVerifiedHost: verifiedHosts.isVerified,
    });
    const cart = createCart({
      db, clock, rooms, products, listings: catalog.listings, commission: catalog.commission, policy: linkPolicy, clickOut, announce,
    });
    // What happens elsewhere that a room's cart shows: a product or listing changed, a policy change
    // (live rooms reload at once), a viewer leaving to buy ("N people are going to buy #k").
    catalog.onItemChange((ref) => cart.itemChange(ref));
    linkPolicy.onChange((change) => cart.announcePolicyChange(change));
    clickOut.onClick((click) => cart.noteBuying(click));
    const embedOrigins = createEmbedOrigins({ db, bus });
    await embedOrigins.start();

    const metrics = new Registry();
    rateLimitRedis = await openRateLimitStore(config.rateLimitRedisUrl, config.redisCommandTimeoutMs);
    const loginFailures = rateLimitRedis ? redisLoginFailures(rateLimitRedis) : memoryLoginFailures(clock);
    const http = await createHttpServer({
      metrics,
      rateLimitRedis,
      log: { level: config.logLevel, format: config.logFormat, stream: overrides.logStream },
      bodyLimitBytes: config.bodyLimitBytes,
      publicUrl: config.publicUrl,
      webDistDir: overrides.webDistDir ?? webDistDir,
      ready: () => db.ping(),
    });
    await linkPolicy.start(http.log.child({ context: 'links' }));
    // HUTONG_SECRET: signs anonymous viewer keys, and the payment sandbox's key is derived from it.
    const serverSecret = secretFromConfigOrFile({
      configured: config.realtime.secret, dataDir: config.dataDir, file: 'realtime.secret', bytes: 32, encoding: 'base64url',
      parse: (text) => (text.length >= 32 ? text : undefined), shape: 'at least 32 characters',
    });
    gate = overrides.gate ?? (await openGate(config.sales.gate, config.redisCommandTimeoutMs));
    const sales = createSales({
      db, bus, clock, gate: overrides.flashBaseline ? null : meteredGate(gate, metrics), flashTake: overrides.flashBaseline?.take,
      products, stock: catalog.stock, rooms, liveShowOf: shows.liveNow, displayNames: identity.accounts.displayNames, announce,
      log: http.log.child({ context: 'sales' }),
      options: {
        orderTtlMs: config.sales.orderTtlMs,
        publicUrl: config.publicUrl,
        sandboxSecret: sandboxSecret(serverSecret),
        notifyUrl: () => `${localUrl(http)}/api/v1/payments/callbacks/sandbox`,
        announceMs: config.realtime.tuning.maxTickMs,
        // PGlite has one writer, this process: what falls due is what it wrote. Nodes on PostgreSQL also look every 10 s.
        pollMs: config.databaseUrl ? 10_000 : null,
        pauseAt: config.sales.pauseAt,
      },
    });
    counters = overrides.counters ?? (await openCounters(config.realtime.counters, config.redisCommandTimeoutMs));
    const realtime = wireRealtime(config, {
      db, bus, counters, clock, roomEvents, identity, rooms, shows, linkPolicy, hasBought: sales.hasBought, secret: serverSecret,
      metrics: realtimeMetrics(metrics),
      log: http.log.child({ context: 'realtime' }),
    });
    const discovery = createDiscovery({
      db, clock, shopsByIds: identity.shops.byIds, shopsBySlugs: identity.shops.bySlugs, showViews: realtime.showViews,
    });
    const video = await createVideo(
      { ...config.video, host: config.host, dataDir: config.dataDir, soleNode: !config.databaseUrl, relayFlv: config.workers > 1 },
      { db, bus, shows, streamKeys, clock, log: http.log.child({ context: 'media' }) },
    );
    // A rotated key stops its publisher at once; a show ended by hand stops its encoder and recording.
    streamKeys.onRotate((roomId) => video.cutOff({ roomId }));
    shows.onEndedByHost((roomId, showId) => video.cutOff({ roomId, showId }));
    const eventStreams = createEventStreams(
      {
        subscribeRoom: (roomId, handler) => roomEvents.subscribe(roomId, handler),
        subscribeSales: (handler) =>
          bus!.subscribe(SALES_EVENTS_TOPIC, (message) => {
            const parsed = storedSalesEvent.safeParse(message);
            if (parsed.success) handler(parsed.data);
          }),
        // The room's hub has its audience numbers (every node's, settled each tick); held while streamed.
        audience: async (room) => {
          const hub = await realtime.hubs.get(room);
          return { counts: () => hub.counts(), release: () => realtime.hubs.release(room.id) };
        },
        log: http.log.child({ context: 'stream' }),
      },
      { ...config.eventStream, audienceMs: 1000, heartbeatMs: 15_000 },
    );
    await eventStreams.start();
    // Gifts move sales' coupon claims and gift orders in their own transactions (sales' `gifts`).
    const gifts = createGifts({
      db, clock, sales: sales.gifts, displayNames: identity.accounts.displayNames, image: (id) => catalog.images.read(id), log: http.log.child({ context: 'gifts' }),
      options: { publicUrl: config.publicUrl, claimMs: config.gifts.claimMs, sweepMs: 30_000 },
    });
    const webhooks = createWebhooks({
      db, clock, sources: [salesWebhookSource(sales), giftsWebhookSource(gifts), liveWebhookSource(shows), cartWebhookSource(cart)],
      log: http.log.child({ context: 'webhooks' }), metrics: webhookMetrics(metrics),
      options: { ...config.webhooks, parallel: 8, soleNode: !config.databaseUrl },
    });
    // What this node commits is looked at once committed; what other nodes commit, at the next poll.
    sales.onEvent(() => webhooks.wake());
    sales.onEvent(orderMetrics(metrics));
    gifts.onEvent(() => webhooks.wake());
    outboxWrites.push(() => webhooks.wake());
    showChanges.push((roomId) => sales.showChanged(roomId));
    showEnds.push((roomId, showId) => void realtime.showEnded(roomId, showId).catch(() => {}));
    const analytics = createAnalytics(
      {
        db, bus, clock, audiences: () => realtime.liveAudiences(), readSales: sales.outbox.read, salesTopic: SALES_EVENTS_TOPIC,
        liveShowOf: shows.liveNow,
        showById: async (showId) => {
          const found = await shows.get(showId);
          return found && { show: found.show, room: { id: found.room.id, shopId: found.room.shopId } };
        },
        pinsOfRoom: cart.pinsOfRoom,
        displayNames: identity.accounts.displayNames,
        log: http.log.child({ context: 'analytics' }),
      },
      // Like sales: PGlite has one writer, this process, whose events the in-process bus always brings.
      { ...defaultAnalyticsOptions, salesPollMs: config.databaseUrl ? defaultAnalyticsOptions.salesPollMs : null, ...overrides.analytics },
    );
    // Click-outs from a room's cart are product clicks (external) of the show live there.
    clickOut.onClick((click) => void analytics.note({ id: click.roomId, shopId: click.shopId }, { type: 'listing.clicked', listingId: click.listingId }).catch(() => {}));
    // A buyer who paid for an order bought in a room chats there as `buyer` from then on.
    sales.onEvent((e) => {
      if ((e.type === 'order.paid' || e.type === 'presale.depositPaid') && e.data.roomId) void realtime.promoteBuyer(e.data.roomId, e.data.buyerId).catch(() => {});
    });
    const shares = createSharesContext({
      db, clock, liveShowOf: shows.liveNow, displayNames: identity.accounts.displayNames,
      sources: {
        rooms, products, presentedIn: shows.presentedIn, listings: catalog.listings, isSafeTarget,
        // Shared listings follow the operator's policy for their channel (else the share scene), read at each use.
        sharePolicy: (marketplace, channel) => linkPolicy.shareMode(marketplace as Marketplace, channel),
        shopName: async (shopId) => (await identity.shops.byIds([shopId]))[0]?.name,
        image: (id) => catalog.images.read(id),
      },
      options: { publicUrl: config.publicUrl, ...config.shares },
    });
    // A share made during a show is one of the show's shares, by its sharer and channel (analytics).
    shares.shares.onMade((s) =>
      analytics.noteForShow({ showId: s.showId, shopId: s.shopId, roomId: s.roomId }, { type: 'shared', sharer: s.sharerId ?? ANONYMOUS_SHARER, channel: s.channel }),
    );
    // An order paid by someone who came through a share is credited to it (after sales' commit, on this node).
    sales.onEvent((e) => {
      if (e.type !== 'order.paid') return;
      const o = e.data;
      void shares.attribution
        .orderPaid({ shopId: e.shopId, orderId: o.orderId, buyerId: o.buyerId, roomId: o.roomId, showId: o.showId, amountMinor: o.paidMinor, currency: o.currency, at: new Date(e.at) })
        .catch((err: unknown) => http.log.error({ err, orderId: o.orderId }, 'crediting an order to a share failed'));
    });
    await registerRoutes(http, {
      config, db, identity, products, catalog, linkPolicy, verifiedHosts, clickOut, cart, rooms, shows, streamKeys, video, realtime, sales, webhooks, discovery, analytics, shares, embedOrigins, eventStreams, loginFailures, gifts,
      webDistDir: overrides.webDistDir ?? webDistDir,
    });
    await http.ready();
    realtime.attach(http.server);
    await sales.start();
    gifts.start();
    await analytics.start();
    await webhooks.start();

    const openBusHandle = bus;
    const openCountersHandle = counters;
    const openGateHandle = gate;
    return {
      config,
      http,
      db,
      bus,
      identity,
      products,
      catalog,
      cart,
      linkPolicy,
      verifiedHosts,
      clickOut,
      blobs,
      rooms,
      roomEvents,
      shows,
      streamKeys,
      discovery,
      video,
      realtime,
      sales,
      shares,
      webhooks,
      gifts,
      gate,
      counters,
      analytics,
      embedOrigins,
      eventStreams,
      async close() {
        // Event streams never end by themselves: ended first, they let go of their hubs and the HTTP server.
        await eventStreams.close();
        // Sockets first: their hubs stop ticking before the bus and database go away.
        await realtime.close();
        await analytics.close();
        await webhooks.close();
        await gifts.close();
        await sales.close();
        // Video first: it ends the live shows and lets go of the HTTP-FLV viewers, whose
        // never-ending responses would otherwise hold http.close() open.
        await video.close();
        await http.close();
        await linkPolicy.close();
        await embedOrigins.close();
        await rooms.close();
        await identity.close();
        await openBusHandle.close();
        if (!overrides.gate) await openGateHandle.close();
        if (!overrides.counters) await openCountersHandle.close();
        await rateLimitRedis?.quit();
        await db.close();
      },
    };
  } catch (err) {
    await bus?.close().catch(() => {});
    rateLimitRedis?.disconnect();
    if (!overrides.gate) await gate?.close().catch(() => {});
    if (!overrides.counters) await counters?.close().catch(() => {});
    await db.close().catch(() => {});
    throw err;
  }
}

/** This server's own address, for calls it makes to itself (the sandbox's callbacks). */
function localUrl(http: FastifyInstance): string {
  const a = http.server.address();
  if (!a || typeof a === 'string') throw new Error('the HTTP server is not listening');
  return `http://${a.family === 'IPv6' ? `[${a.address}]` : a.address}:${a.port}`;
}
