import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Bus } from '../platform/bus/bus.port';
import { systemClock } from '../kernel/clock';
import { createIdentity, memoryLoginFailures, redisLoginFailures } from '../identity';
import { createCatalog } from '../catalog';
import { createClickOut, createLinkPolicy, createVerifiedHosts, isSafeTarget } from '../links';
import type { Marketplace } from '../contracts/links.schemas';
import { LocalBlobStore } from '../platform/blob/blob.local';
import { createDiscovery, createRooms, createShows, createStreamKeys } from '../live';
import { createCart } from '../cart';
import { createVideo, type Video } from '../media';
import { createSales, SALES_EVENTS_TOPIC } from '../sales';
import { createAnalytics, defaultAnalyticsOptions } from '../analytics';
import { createSharesContext } from '../shares';
import { createWebhooks } from '../webhooks';
import { cartWebhookSource, giftsWebhookSource, liveWebhookSource, salesWebhookSource } from './webhook-sources';
import { createGifts, type Gifts } from '../gifts';
import { createEmbedOrigins } from '../embed';
import { createEventStreams } from '../stream';
import { storedSalesEvent } from '../contracts/sales-events.schemas';
import type { StockGate } from '../platform/gate/gate.port';
import { sandboxSecret } from './sandbox-secret';
import { createRoomEvents } from '../realtime';
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
import { createOutboxPruning } from './outbox-pruning';
import type { Hutong, HutongOverrides } from './hutong.types';

export type { Hutong, HutongOverrides } from './hutong.types';

export const webDistDir = fileURLToPath(new URL('../../web/dist', import.meta.url));

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
    // Each outbox's readers: the webhooks read all four, analytics reads sales' too.
    const outboxPruning = createOutboxPruning({
      clock,
      outboxes: [
        { name: 'sales', prune: sales.outbox.prune, readers: [() => webhooks.position('sales'), () => analytics.salesPosition()] },
        { name: 'gifts', prune: gifts.outbox.prune, readers: [() => webhooks.position('gifts')] },
        { name: 'live', prune: shows.outbox.prune, readers: [() => webhooks.position('live')] },
        { name: 'cart', prune: cart.outbox.prune, readers: [() => webhooks.position('cart')] },
      ],
      pruneLog: webhooks.pruneLog,
      log: http.log.child({ context: 'outbox-pruning' }),
      options: { retentionMs: config.outboxRetentionMs, batch: 1000, batchesPerRun: 50, everyMs: 3_600_000 },
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
    outboxPruning.start();

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
      outboxPruning,
      async close() {
        // Event streams never end by themselves: ended first, they let go of their hubs and the HTTP server.
        await eventStreams.close();
        // Sockets first: their hubs stop ticking before the bus and database go away.
        await realtime.close();
        await outboxPruning.close();
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
