import type { FastifyInstance } from 'fastify';
import { followsRoutes, identityRoutes, limitApiKeys, type Identity, type LoginFailures } from '../identity';
import { imagesRoutes, listingsRoutes, productsRoutes, publicProductRoutes, type Catalog, type Products } from '../catalog';
import { goRoutes, linkPolicyRoutes, verifiedHostsRoutes, type ClickOut, type LinkPolicyService, type VerifiedHosts } from '../links';
import { discoveryRoutes, roomsRoutes, showsRoutes, type Discovery, type Rooms, type Shows, type StreamKeys } from '../live';
import { cartRoutes, type Cart } from '../cart';
import { hooksRoutes, mediaRoutes, playbackRoutes, type Video } from '../media';
import { realtimeRoutes, replayChatRoutes, type Realtime } from '../realtime';
import type { Sales } from '../sales';
import { analyticsRoutes, type Analytics } from '../analytics';
import { attributionRoutes, pagesRoutes, sharesRoutes, type SharesContext } from '../shares';
import { webhooksRoutes, type Webhooks } from '../webhooks';
import { giftsRoutes, type Gifts } from '../gifts';
import { embedOriginsRoutes, embedPageRoutes, type EmbedOriginsService } from '../embed';
import { streamRoutes, type EventStreams } from '../stream';
import type { Config } from './config';
import type { Db } from '../platform/db/db.port';

interface Parts {
  config: Config;
  db: Db;
  identity: Identity;
  products: Products;
  catalog: Catalog;
  linkPolicy: LinkPolicyService;
  verifiedHosts: VerifiedHosts;
  clickOut: ClickOut;
  cart: Cart;
  rooms: Rooms;
  shows: Shows;
  streamKeys: StreamKeys;
  video: Video;
  realtime: Realtime;
  sales: Sales;
  webhooks: Webhooks;
  discovery: Discovery;
  shares: SharesContext;
  /** The built web app, whose index.html the link-preview pages carry. */
  webDistDir: string;
  loginFailures: LoginFailures;
  analytics: Analytics;
  embedOrigins: EmbedOriginsService;
  eventStreams: EventStreams;
  gifts: Gifts;
}

/** Every context's routes on the app: the API under /api/v1, playback and click-out at the root. */
export async function registerRoutes(http: FastifyInstance, parts: Parts): Promise<void> {
  const { config, identity, catalog, video, realtime } = parts;
  const { access, shops } = identity;
  const rtmpUrl = config.video.rtmpPublicUrl;
  await http.register(playbackRoutes, { media: video.media, rooms: parts.rooms, shows: parts.shows, playFlv: video.playFlv });
  await http.register(
    async (api) => {
      limitApiKeys(api, access);
      await api.register(identityRoutes, { ...identity, secureCookies: config.publicUrl.startsWith('https:'), loginMaxAttempts: config.loginMaxAttempts, loginFailures: parts.loginFailures });
      await api.register(followsRoutes, { follows: identity.follows, access });
      await api.register(discoveryRoutes, { discovery: parts.discovery });
      await api.register(productsRoutes, { products: parts.products, access });
      await api.register(imagesRoutes, { images: catalog.images, access });
      await api.register(publicProductRoutes, { products: parts.products, shopOf: async (id) => (await shops.byIds([id]))[0] });
      await api.register(listingsRoutes, { listings: catalog.listings, commission: catalog.commission, access });
      await api.register(linkPolicyRoutes, { policy: parts.linkPolicy, access });
      await api.register(verifiedHostsRoutes, { hosts: parts.verifiedHosts, access });
      await api.register(cartRoutes, { cart: parts.cart, access });
      await api.register(roomsRoutes, { rooms: parts.rooms, shops, access });
      await api.register(realtimeRoutes, { access, moderation: realtime.moderation, hubs: realtime.hubs, roomBySlug: (slug) => parts.rooms.bySlug(slug) });
      await api.register(replayChatRoutes, {
        db: parts.db,
        replayWindow: async (slug, showId) => {
          const room = await parts.rooms.bySlug(slug);
          return { roomId: room.id, ...(await parts.shows.replayWindow(room.id, showId)) };
        },
      });
      await api.register(showsRoutes, { shows: parts.shows, streamKeys: parts.streamKeys, rooms: parts.rooms, access, rtmpUrl });
      await api.register(mediaRoutes, { media: video.media, rooms: parts.rooms, shows: parts.shows, pins: parts.cart.pins, access, rtmpUrl, ingestStatus: video.ingestStatus });
      await api.register(parts.sales.routes, { access });
      await api.register(analyticsRoutes, {
        analytics: parts.analytics, access, roomBySlug: (slug) => parts.rooms.bySlug(slug),
        cartItem: async (room, itemId) => (await parts.cart.studioCart(room.shopId, room.id)).items.find((i) => i.id === itemId),
      });
      await api.register(sharesRoutes, { ...parts.shares, access, createPerMinute: parts.shares.options.createPerMinute });
      await api.register(attributionRoutes, { ...parts.shares, access });
      await api.register(webhooksRoutes, { access, endpoints: parts.webhooks.endpoints });
      await api.register(giftsRoutes, { gifts: parts.gifts.service, previews: parts.gifts.previews, access });
      await api.register(embedOriginsRoutes, { origins: parts.embedOrigins, access });
      await api.register(streamRoutes, {
        streams: parts.eventStreams,
        access,
        roomBySlug: (slug) => parts.rooms.bySlug(slug),
        originAllowed: (shopId, origin) => parts.embedOrigins.allows(shopId, origin),
      });
      if (config.video.externalRtmpUrl && config.video.ingest === 'external')
        await api.register(hooksRoutes, { media: video.media, streamKeys: parts.streamKeys, publishes: video.publishes, pullBase: config.video.externalRtmpUrl });
    },
    { prefix: '/api/v1' },
  );
  await http.register(goRoutes, { clickOut: parts.clickOut, access, publicUrl: config.publicUrl, perMinute: config.clickOutPerMinute });
  await http.register(parts.sales.rootRoutes);
  await http.register(pagesRoutes, {
    shares: parts.shares.shares, previews: parts.shares.previews, access, webDistDir: parts.webDistDir,
    attributionMs: parts.shares.options.attributionMs, secureCookies: config.publicUrl.startsWith('https:'),
    // A gift's claim link previews like a share's (the code is the gift's: gifts describe it).
    morePages: [{ path: '/g/:key', summary: 'A gift’s claim page: the web app with link-preview tags', describe: (code) => parts.gifts.previews.preview(code) }],
  });
  // Without a built web app there is no page to embed: /embed/ROOM is then an unknown route.
  if (http.hasReplyDecorator('sendFile')) {
    await http.register(embedPageRoutes, {
      origins: parts.embedOrigins,
      shopOfRoom: async (slug) => (await parts.rooms.bySlug(slug)).shopId,
      sendPage: (reply) => reply.header('cache-control', 'no-cache').sendFile('index.html'),
    });
  }
}
