import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { StreamKeys } from '../live';
import type { Media } from './media.service';
import type { ExternalPublishes } from './external-publishes';

/**
 * External media server mode: nginx-rtmp and SRS ask hutong whether a publish may start, and tell
 * it when one ended. The stream key (the stream name) is the credential: a publish with anything
 * but a room's current key is refused, so the media server never accepts its data.
 *
 * - nginx-rtmp: `on_publish` / `on_publish_done`, form-encoded (`name`, `app`, `call`, …);
 *   2xx accepts, 4xx refuses.
 * - SRS: `http_hooks` `on_publish` / `on_unpublish`, JSON (`action`, `app`, `stream`, …);
 *   HTTP 200 with `{"code":0}` accepts, anything else refuses.
 */
export interface HooksDeps {
  media: Pick<Media, 'startedExternal' | 'stopped'>;
  streamKeys: Pick<StreamKeys, 'authenticate'>;
  /** What publishes where, in the database: the done may reach another node than the publish. */
  publishes: Pick<ExternalPublishes, 'accepted' | 'done'>;
  /** Where the packager pulls an accepted stream from: `${pullBase}/${name}`. */
  pullBase: string;
}

const nginxBody = z.object({ name: z.string().max(200).default(''), app: z.string().max(100).default('') }).passthrough();
const srsBody = z
  .object({ action: z.string().max(40), app: z.string().max(100).default(''), stream: z.string().max(200).default('') })
  .passthrough();

export const hooksRoutes: FastifyPluginAsyncZod<HooksDeps> = async (app, { media, streamKeys, publishes, pullBase }) => {
  // nginx-rtmp posts forms; only these hook routes accept them (nothing here reads a cookie).
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });

  async function publish(app_: string, name: string): Promise<boolean> {
    const roomId = app_ === 'live' ? await streamKeys.authenticate(name) : null;
    if (!roomId) return false;
    const showId = await media.startedExternal(roomId, `${pullBase}/${name}`);
    await publishes.accepted(roomId, showId, name);
    return true;
  }

  // The room is found by the stream name's hash in the database (whichever node heard the
  // publish; the key may have been rotated mid-show since); the show ends after the grace period
  // unless the stream comes back. A stream no publish row knows (accepted before this node's
  // upgrade) falls back to its key, on this node.
  async function done(name: string): Promise<void> {
    if (await publishes.done(name)) return;
    const roomId = await streamKeys.authenticate(name);
    if (roomId) await media.stopped(roomId);
  }

  const refuse = (reply: FastifyReply) => reply.code(403).type('text/plain').send('refused');
  const hide = { hide: false, tags: ['media hooks'] };

  app.post(
    '/media/hooks/nginx/publish',
    { schema: { ...hide, summary: 'nginx-rtmp on_publish: 2xx accepts the stream key, 403 refuses', body: nginxBody } },
    async (req, reply) => ((await publish(req.body.app, req.body.name)) ? reply.code(200).type('text/plain').send('ok') : refuse(reply)),
  );

  app.post(
    '/media/hooks/nginx/publish-done',
    { schema: { ...hide, summary: 'nginx-rtmp on_publish_done: the show ends after the grace period', body: nginxBody } },
    async (req, reply) => {
      await done(req.body.name);
      return reply.code(200).type('text/plain').send('ok');
    },
  );

  app.post(
    '/media/hooks/srs',
    { schema: { ...hide, summary: 'SRS http_hooks (on_publish, on_unpublish): {"code":0} accepts', body: srsBody } },
    async (req, reply) => {
      const { action, app: srsApp, stream } = req.body;
      if (action === 'on_publish') {
        return (await publish(srsApp, stream)) ? { code: 0 } : reply.code(403).send({ code: 403 });
      }
      if (action === 'on_unpublish') await done(stream);
      return { code: 0 };
    },
  );
};
