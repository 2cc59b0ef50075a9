import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import type { Db } from '../platform/db/db.port';
import type { Bus } from '../platform/bus/bus.port';
import { systemClock, type Clock } from '../kernel/clock';
import { createIdentity, type Identity } from '../identity';
import { createCatalog, type Catalog, type Products } from '../catalog';
import { createClickOut, createLinkPolicy, type ClickOut, type LinkPolicyService } from '../links';
import type { BlobStore } from '../platform/blob/blob.port';
import { LocalBlobStore } from '../platform/blob/blob.local';
import { createCart, createRooms, createShows, createStreamKeys, streamKeySealingKey, type Cart, type Rooms, type Shows, type StreamKeys } from '../live';
import { createVideo, type Video } from '../media';
import { createRoomEvents, type Realtime, type RoomEvents } from '../realtime';
import type { Counters } from '../platform/counters/counters.port';
import type { Config } from './config';
import { createHttpServer } from './http/server';
import { Registry } from 'prom-client';
import type { Redis } from 'ioredis';
import { openBus, openCounters, openDatabase, openRateLimitStore } from './infrastructure';
import { realtimeMetrics } from './realtime-metrics';
import { registerRoutes } from './routes';
import { wireRealtime } from './wire-realtime';

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
  clickOut: ClickOut;
  blobs: BlobStore;
  rooms: Rooms;
  roomEvents: RoomEvents;
  shows: Shows;
  streamKeys: StreamKeys;
  /** Live video: `video.listen()` opens the embedded RTMP ingest (serve does; tests on a free port). */
  video: Video;
  /** Live rooms: socket hubs, chat, likes, audience numbers, moderation. */
  realtime: Realtime;
  counters: Counters;
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
}

/**
 * The composition root: the one place that knows which adapters are in use and wires
 * contexts together. Opens the database (migrated), the bus, the services and the HTTP app.
 */
export async function createHutong(config: Config, o: HutongOverrides = {}): Promise<Hutong> {
  const clock = o.clock ?? systemClock;
  const db = o.db ?? (await openDatabase(config));
  let bus: Bus | undefined;
  let counters: Counters | undefined;
  let rateLimitRedis: Redis | undefined;
  try {
    bus = o.bus ?? (await openBus(config.bus));
    const identity = createIdentity({ db, clock, sessionTtlHours: config.sessionTtlHours });
    const blobs = o.blobs ?? new LocalBlobStore(join(config.dataDir, 'blobs'));
    // The cart (made below) is told when a product or listing in some room's cart changes.
    const catalog = createCatalog({ db, blobs, itemChange: (ref) => cart.itemChange(ref) });
    const products = catalog.products;
    const rooms = createRooms({ db });
    const roomEvents = createRoomEvents({ bus });
    const linkPolicy = createLinkPolicy({ db, bus });
    await linkPolicy.start();
    const clickOut = createClickOut({
      db, policy: linkPolicy, target: (id) => catalog.listings.target(id),
      // Attribution names the show that was live when the viewer clicked out.
      liveShowOf: async (roomId) => {
        const presented = await shows.presentedIn(roomId);
        return presented?.show.state === 'live' ? presented.show.id : null;
      },
      // Viewers leaving to buy become "N people are going to buy #k" in the room.
      clicked: (click) => cart.noteBuying(click),
    });
    const cart = createCart({
      db, clock, products, listings: catalog.listings, commission: catalog.commission, policy: linkPolicy, clickOut,
      announce: (roomId, event) => roomEvents.publish(roomId, event),
    });
    // A policy change reaches live rooms at once: their carts are told to reload.
    linkPolicy.onChange((change) => cart.announcePolicyChange(change));
    const shows = createShows({ db, clock, announce: (roomId, event) => roomEvents.publish(roomId, event), pins: cart.pins });
    const streamKeys = createStreamKeys({ db, clock, sealingKey: streamKeySealingKey(config.video.streamKeySecret, config.dataDir) });

    const metrics = new Registry();
    rateLimitRedis = openRateLimitStore(config.rateLimitRedisUrl);
    const http = await createHttpServer({
      metrics,
      rateLimitRedis,
      logLevel: config.logLevel,
      logStream: o.logStream,
      bodyLimitBytes: config.bodyLimitBytes,
      publicUrl: config.publicUrl,
      webDistDir: o.webDistDir ?? webDistDir,
      ready: () => db.ping(),
    });
    counters = o.counters ?? (await openCounters(config.realtime.counters));
    const realtime = wireRealtime(config, {
      db, bus, counters, clock, roomEvents, identity, rooms, shows, linkPolicy,
      metrics: realtimeMetrics(metrics),
      log: http.log.child({ context: 'realtime' }),
    });
    const video = await createVideo(
      { ...config.video, host: config.host, dataDir: config.dataDir, soleNode: !config.databaseUrl, relayFlv: config.workers > 1 },
      { bus, shows, streamKeys, clock, log: http.log.child({ context: 'media' }) },
    );
    await registerRoutes(http, { config, identity, products, catalog, linkPolicy, clickOut, cart, rooms, shows, streamKeys, video, realtime });
    await http.ready();
    realtime.attach(http.server);

    const openBusHandle = bus;
    const openCountersHandle = counters;
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
      clickOut,
      blobs,
      rooms,
      roomEvents,
      shows,
      streamKeys,
      video,
      realtime,
      counters,
      async close() {
        // Sockets first: their hubs stop ticking before the bus and database go away.
        await realtime.close();
        // Video first: it ends the live shows and lets go of the HTTP-FLV viewers, whose
        // never-ending responses would otherwise hold http.close() open.
        await video.close();
        await http.close();
        await linkPolicy.close();
        await openBusHandle.close();
        if (!o.counters) await openCountersHandle.close();
        await rateLimitRedis?.quit();
        await db.close();
      },
    };
  } catch (err) {
    await bus?.close().catch(() => {});
    rateLimitRedis?.disconnect();
    if (!o.counters) await counters?.close().catch(() => {});
    await db.close().catch(() => {});
    throw err;
  }
}
