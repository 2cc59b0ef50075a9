import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../kernel/app-error';
import { constantTimeEqual } from '../../kernel/secrets';
import { formatMinor } from '../../kernel/money';
import type { Clock } from '../../kernel/clock';
import type { Payments } from './payments.service';
import type { SandboxProvider } from './sandbox.provider';

export interface SandboxRoutesDeps {
  sandbox: SandboxProvider;
  payments: Pick<Payments, 'forCheckout'>;
  /** Where the sandbox posts its callback: this hutong's own callback route. */
  notifyUrl(): string;
  publicUrl: string;
  /** The sandbox's clock for its signatures (the app's, so tests that move time stay within the tolerance). */
  clock: Clock;
}

const params = z.object({ paymentId: z.string().uuid() });
const query = z.object({ token: z.string().max(100) });
const outcome = z.object({ outcome: z.enum(['paid', 'failed']) });

const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * The sandbox provider's hosted page: what a buyer sees at Alipay or Stripe, here with two buttons —
 * pay, or make the payment fail. Pressing one makes the sandbox send hutong its signed callback
 * (over HTTP, as a real provider does) and then sends the buyer back to the order.
 */
export const sandboxRoutes: FastifyPluginAsyncZod<SandboxRoutesDeps> = async (app, deps) => {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });

  async function checkout(paymentId: string, token: string) {
    const p = await deps.payments.forCheckout(paymentId);
    if (!p || !constantTimeEqual(token, deps.sandbox.checkoutToken(paymentId))) throw new AppError('SALES_PAYMENT_NOT_FOUND');
    return p;
  }

  app.get('/sandbox-pay/:paymentId', { schema: { tags: ['sales'], summary: 'The sandbox payment page', params, querystring: query } }, async (req, reply) => {
    const p = await checkout(req.params.paymentId, req.query.token);
    const amount = `${p.currency} ${formatMinor(p.amountMinor)}`;
    const action = `/sandbox-pay/${p.id}?token=${encodeURIComponent(req.query.token)}`;
    const open = p.state === 'pending';
    const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>沙盒支付 · Sandbox payment</title></head>
<body style="font-family:system-ui,sans-serif;max-width:26rem;margin:2rem auto;padding:0 1rem;line-height:1.5">
<p><strong>hutong 沙盒支付 · Sandbox payment</strong><br><small>不会产生真实扣款 · No real money moves.</small></p>
<p>${escape(p.description)}</p>
<p style="font-size:2rem;margin:.5rem 0" data-amount>${escape(amount)}</p>
${open
      ? `<form method="post" action="${escape(action)}"><input type="hidden" name="outcome" value="paid">
<button style="width:100%;padding:.8rem;font-size:1.1rem" data-pay>支付 · Pay ${escape(amount)}</button></form>
<form method="post" action="${escape(action)}" style="margin-top:.8rem"><input type="hidden" name="outcome" value="failed">
<button style="width:100%;padding:.6rem" data-fail>让支付失败 · Make it fail</button></form>`
      : `<p data-state="${escape(p.state)}">此笔支付已处理 · This payment is settled (${escape(p.state)}).</p>`}
</body></html>`;
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
  });

  app.post(
    '/sandbox-pay/:paymentId',
    { schema: { tags: ['sales'], summary: 'Pay, or fail, a sandbox payment (the sandbox then calls hutong back)', params, querystring: query, body: outcome } },
    async (req, reply) => {
      const p = await checkout(req.params.paymentId, req.query.token);
      const signed = deps.sandbox.callback(
        { type: req.body.outcome === 'paid' ? 'payment.succeeded' : 'payment.failed', paymentId: p.id, amountMinor: p.amountMinor, currency: p.currency },
        deps.clock.now(),
      );
      const res = await fetch(deps.notifyUrl(), { method: 'POST', headers: signed.headers, body: signed.body });
      const answer = { payment: { id: p.id, outcome: req.body.outcome }, callback: { status: res.status } };
      if (req.headers.accept?.includes('text/html')) return reply.redirect(`${deps.publicUrl}/orders/${p.orderId}`, 303);
      return answer;
    },
  );
};
