import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { constantTimeEqual } from '../../kernel/secrets';
import { newId } from '../../kernel/ids';
import type { PaymentNotice, PaymentProvider } from './payment.port';

/** The header the sandbox signs its callbacks with, in Stripe's shape: `t=<unix seconds>,v1=<hex>`. */
export const SANDBOX_SIGNATURE_HEADER = 'hutong-sandbox-signature';
/** A callback older or newer than this is refused (a replay outside the window). Stripe's default. */
export const CALLBACK_TOLERANCE_S = 300;

const noticeBody = z.object({
  id: z.string().min(1).max(100),
  type: z.enum(['payment.succeeded', 'payment.failed']),
  paymentId: z.string().uuid(),
  providerRef: z.string().min(1).max(100),
  amountMinor: z.number().int().positive(),
  currency: z.string().min(3).max(3),
});
export type SandboxNotice = z.infer<typeof noticeBody>;

export const signSandbox = (secret: string, timestamp: number, body: string): string =>
  `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;

/**
 * The built-in sandbox: a hosted page (sandbox.routes.ts) where the buyer pays or makes the payment
 * fail, and a callback signed like Stripe's (HMAC-SHA256 of `t.body` with the sandbox's secret).
 * Refunds succeed at once. `secret` is the sandbox's own key, derived from HUTONG_SECRET.
 */
export function createSandboxProvider(options: { secret: () => string; publicUrl: string }): PaymentProvider & {
  /** The token in a checkout URL: proves the page was opened from hutong's pay link. */
  checkoutToken(paymentId: string): string;
  /** The signed callback the sandbox sends for a payment. */
  callback(n: Omit<SandboxNotice, 'id' | 'providerRef'>, now: Date): { headers: Record<string, string>; body: string };
} {
  // Read on first use: an install that never pays in the sandbox never makes the secret.
  const secret = () => options.secret();
  const checkoutToken = (paymentId: string) => createHmac('sha256', secret()).update(`checkout:${paymentId}`).digest('base64url');

  return {
    name: 'sandbox',
    checkoutToken,

    async checkoutUrl(p) {
      return `${options.publicUrl}/sandbox-pay/${p.paymentId}?token=${checkoutToken(p.paymentId)}`;
    },

    callback(n, now) {
      const body = JSON.stringify({ id: `evt_${newId()}`, providerRef: `sbx_${n.paymentId.slice(0, 8)}`, ...n });
      const t = Math.floor(now.getTime() / 1000);
      return { headers: { 'content-type': 'application/json', [SANDBOX_SIGNATURE_HEADER]: signSandbox(secret(), t, body) }, body };
    },

    verify({ headers, rawBody }, now) {
      const header = headers[SANDBOX_SIGNATURE_HEADER];
      if (typeof header !== 'string') return { ok: false, reason: 'bad_signature' };
      const t = /(?:^|,)t=(\d{1,12})(?:,|$)/.exec(header)?.[1];
      const signatures = [...header.matchAll(/(?:^|,)v1=([0-9a-f]{64})(?=,|$)/g)].map((m) => m[1]!);
      if (!t || signatures.length === 0) return { ok: false, reason: 'bad_signature' };
      const expected = signSandbox(secret(), Number(t), rawBody).split('v1=')[1]!;
      if (!signatures.some((s) => constantTimeEqual(s, expected))) return { ok: false, reason: 'bad_signature' };
      // Checked after the signature, so the timestamp is the sandbox's own and not an attacker's.
      if (Math.abs(now.getTime() / 1000 - Number(t)) > CALLBACK_TOLERANCE_S) return { ok: false, reason: 'stale' };
      let parsed: SandboxNotice;
      try {
        const result = noticeBody.safeParse(JSON.parse(rawBody));
        if (!result.success) return { ok: false, reason: 'malformed' };
        parsed = result.data;
      } catch {
        return { ok: false, reason: 'malformed' };
      }
      const notice: PaymentNotice = {
        eventId: parsed.id,
        paymentId: parsed.paymentId,
        providerRef: parsed.providerRef,
        amountMinor: parsed.amountMinor,
        currency: parsed.currency,
        outcome: parsed.type === 'payment.succeeded' ? 'succeeded' : 'failed',
      };
      return { ok: true, notice };
    },

    acknowledgement: () => ({ status: 200, contentType: 'application/json', body: '{"received":true}' }),

    async refund(r) {
      return { state: 'succeeded', providerRef: `sbx_refund_${r.refundId.slice(0, 8)}` };
    },
  };
}

export type SandboxProvider = ReturnType<typeof createSandboxProvider>;
