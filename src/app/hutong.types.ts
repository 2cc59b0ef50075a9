import type { FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import type { Db } from '../platform/db/db.port';
import type { Bus } from '../platform/bus/bus.port';
import type { Clock } from '../kernel/clock';
import type { Identity } from '../identity';
import type { Catalog, Products } from '../catalog';
import type { ClickOut, LinkPolicyService, VerifiedHosts } from '../links';
import type { BlobStore } from '../platform/blob/blob.port';
import type { Discovery, Rooms, Shows, StreamKeys } from '../live';
import type { Cart } from '../cart';
import type { Video } from '../media';
import type { CampaignTake, Sales } from '../sales';
import type { Analytics, AnalyticsOptions } from '../analytics';
import type { SharesContext } from '../shares';
import type { Webhooks } from '../webhooks';
import type { Gifts } from '../gifts';
import type { EmbedOriginsService } from '../embed';
import type { EventStreams } from '../stream';
import type { StockGate } from '../platform/gate/gate.port';
import type { Realtime, RoomEvents } from '../realtime';
import type { Counters } from '../platform/counters/counters.port';
import type { Config } from './config';
import type { OutboxPruning } from './outbox-pruning';

/** What createHutong (hutong.ts) gives: every context of one running hutong, and how to close it. */
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
  /** Deletes outbox rows every reader has read and finished webhook deliveries, past the retention; `run()` now (tests). */
  outboxPruning: OutboxPruning;
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
