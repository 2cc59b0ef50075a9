import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as c from '../contracts/catalog.schemas';
import { shopParams } from '../contracts/identity.schemas';
import type { Access } from '../identity';
import { IMAGE_MAX_BYTES, type Images } from './images.service';

const tags = ['catalog'];

/**
 * Image upload (raw bytes) and serving. Its own plugin, so the byte parser it adds applies to
 * these routes only; everywhere else the API stays JSON-only.
 */
export const imagesRoutes: FastifyPluginAsyncZod<{ images: Images; access: Access }> = async (app, { images, access }) => {
  // Whatever the client declares, the bytes decide (images.service inspects them).
  const keep = (_req: unknown, body: string | Buffer, done: (err: null, body: Buffer) => void) => done(null, Buffer.from(body));
  app.addContentTypeParser(/^image\//, { parseAs: 'buffer', bodyLimit: IMAGE_MAX_BYTES }, keep);
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: IMAGE_MAX_BYTES }, keep);

  app.post(
    '/shops/:shopId/images',
    {
      bodyLimit: IMAGE_MAX_BYTES,
      schema: {
        tags,
        summary: 'Upload an image (PNG, JPEG, GIF or WebP; the raw bytes as the body)',
        params: shopParams,
        response: { 201: c.imageAnswer },
      },
    },
    async (req, reply) => {
      const { shopId } = await access.shop(req, req.params.shopId, 'catalog.write');
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const image = await images.upload(shopId, body);
      reply.code(201);
      return { image };
    },
  );

  app.get(
    '/images/:imageId',
    { schema: { tags, summary: 'An image (public, cached for a year: images never change)', params: c.imageParams } },
    async (req, reply) => {
      const etag = `"${req.params.imageId}"`;
      if (req.headers['if-none-match'] === etag) return reply.code(304).header('etag', etag).send();
      const { bytes, contentType } = await images.read(req.params.imageId);
      return reply
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('etag', etag)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'")
        .type(contentType)
        .send(bytes);
    },
  );
};
