import type { FastifyInstance } from 'fastify';
import { identityRoutes, type Identity } from '../identity';
import { imagesRoutes, listingsRoutes, productsRoutes, type Catalog, type Products } from '../catalog';
import { goRoutes, linkPolicyRoutes, type ClickOut, type LinkPolicyService } from '../links';
import { cartRoutes, roomsRoutes, showsRoutes, type Cart, type Rooms, type Shows, type StreamKeys } from '../live';
import { hooksRoutes, mediaRoutes, playbackRoutes, type Video } from '../media';
import { realtimeRoutes, type Realtime } from '../realtime';
import type { Config } from './config';

interface Parts {
  config: Config;
  identity: Identity;
  products: Products;
  catalog: Catalog;
  linkPolicy: LinkPolicyService;
  clickOut: ClickOut;
  cart: Cart;
  rooms: Rooms;
  shows: Shows;
  streamKeys: StreamKeys;
  video: Video;
  realtime: Realtime;
}

/** Every context's routes on the app: the API under /api/v1, playback and click-out at the root. */
export async function registerRoutes(http: FastifyInstance, p: Parts): Promise<void> {
  const { config, identity, catalog, video, realtime } = p;
  const { access, shops } = identity;
  const rtmpUrl = config.video.rtmpPublicUrl;
  await http.register(playbackRoutes, { media: video.media, shows: p.shows, playFlv: video.playFlv });
  await http.register(
    async (api) => {
      await api.register(identityRoutes, { ...identity, secureCookies: config.publicUrl.startsWith('https:'), loginMaxAttempts: config.loginMaxAttempts });
      await api.register(productsRoutes, { products: p.products, access });
      await api.register(imagesRoutes, { images: catalog.images, access });
      await api.register(listingsRoutes, { listings: catalog.listings, commission: catalog.commission, access });
      await api.register(linkPolicyRoutes, { policy: p.linkPolicy, access });
      await api.register(cartRoutes, { cart: p.cart, access });
      await api.register(roomsRoutes, { rooms: p.rooms, shops, access });
      await api.register(realtimeRoutes, { access, moderation: realtime.moderation, hubs: realtime.hubs, roomBySlug: (slug) => p.rooms.bySlug(slug) });
      await api.register(showsRoutes, { shows: p.shows, streamKeys: p.streamKeys, access, rtmpUrl });
      await api.register(mediaRoutes, { media: video.media, shows: p.shows, access, rtmpUrl });
      if (config.video.externalRtmpUrl && config.video.ingest === 'external')
        await api.register(hooksRoutes, { media: video.media, streamKeys: p.streamKeys, pullBase: config.video.externalRtmpUrl });
    },
    { prefix: '/api/v1' },
  );
  await http.register(goRoutes, { clickOut: p.clickOut, access });
}
