import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as c from '../../contracts/sales-orders.schemas';
import type { Access } from '../../identity';
import { keyOf, sendAnswer } from '../http';
import type { Payments } from './payments.service';

const tags = ['sales'];

/** Buyers start and list payments (under /api/v1). */
export const paymentsRoutes: FastifyPluginAsyncZod<{ access: Access; payments: Payments }> = async (app, { access, payments }) => {
  app.post(
    '/orders/:orderId/payments',
    {
      schema: {
        tags, summary: 'Pay what my order owes now (whole, deposit or balance): answers the pay link (Idempotency-Key required)',
        headers: c.idempotencyHeaders, params: c.orderParams, body: c.startPaymentBody, response: { 201: c.paymentAnswer },
      },
    },
    async (req, reply) => {
      const user = await access.user(req);
      return sendAnswer(reply, await payments.start(user.id, req.params.orderId, req.body.provider, keyOf(req)));
    },
  );

  app.get(
    '/orders/:orderId/payments',
    { schema: { tags, summary: "My order's payments", params: c.orderParams, response: { 200: z.object({ payments: z.array(c.payment) }) } } },
    async (req) => ({ payments: await payments.ofOrder((await access.user(req)).id, req.params.orderId) }),
  );

  // Providers call back with their own body formats; the signature is over the exact bytes, so they are kept as text.
  await app.register(async (plugin) => {
    const callbacks = plugin.withTypeProvider<ZodTypeProvider>();
    callbacks.removeAllContentTypeParsers();
    callbacks.addContentTypeParser(['application/json', 'application/x-www-form-urlencoded'], { parseAs: 'string' }, (_req, body, done) => done(null, body));
    callbacks.post(
      '/payments/callbacks/:provider',
      { schema: { tags, summary: "A payment provider's notification (signed; verified, matched and applied once)", params: z.object({ provider: z.string().max(30) }) } },
      async (req, reply) => {
        const answer = await payments.callback(req.params.provider, req.headers, typeof req.body === 'string' ? req.body : '', req.ip);
        if (answer.raw !== undefined) return reply.code(answer.status).type(answer.contentType!).send(answer.raw);
        return sendAnswer(reply, answer);
      },
    );
  });
};

/** The buyer's pay link (at the root, like /go/CODE): redirects to the provider's page for the payment. */
export const payLinkRoutes: FastifyPluginAsyncZod<{ payments: Payments }> = async (app, { payments }) => {
  app.get(
    '/pay/:paymentId',
    { schema: { tags, summary: "Go to the payment provider's page for a pending payment", params: z.object({ paymentId: z.string().uuid() }) } },
    async (req, reply) => reply.redirect(await payments.checkoutUrl(req.params.paymentId), 303),
  );
};
