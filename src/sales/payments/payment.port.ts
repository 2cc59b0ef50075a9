import type { Result } from '../../kernel/result';

/**
 * A payment provider: the built-in sandbox, and later Alipay, WeChat Pay or Stripe as adapters
 * (their callback and refund shapes: COMMERCE-NOTES §4). hutong never trusts a callback's word
 * alone: the adapter proves it came from the provider (signature over the raw body, freshness), and
 * the payments service checks it against its own records (payment, order, amount, currency) and
 * refuses a replay.
 */
export interface PaymentProvider {
  /** The name in URLs and records: `sandbox`, `alipay`, `wechatpay`, `stripe`. */
  readonly name: string;

  /**
   * Where the buyer pays this payment (the provider's hosted page). Called when the buyer opens
   * hutong's pay link, after the payment's row has committed and outside any transaction, since a
   * real provider answers over the network.
   */
  checkoutUrl(p: CheckoutRequest): Promise<string>;

  /**
   * Reads a callback: proves its origin (Alipay: RSA2 over the sorted form; WeChat Pay: SHA256withRSA
   * over `timestamp\nnonce\nbody\n`; Stripe and the sandbox: HMAC-SHA256 over `t.body`) and its
   * freshness, and answers what it says. Nothing here looks at hutong's records.
   */
  verify(callback: { headers: Record<string, string | string[] | undefined>; rawBody: string }, now: Date): Result<{ notice: PaymentNotice }, { reason: CallbackRefusal }>;

  /** What the provider must be answered so it stops retrying (Alipay: the text `success`). */
  acknowledgement(): { status: number; contentType: string; body: string };

  /**
   * Sends money back. Must be idempotent by `refundId` (Alipay out_request_no, Stripe idempotency
   * key): a refund retried after a crash never pays twice. `pending` when the provider confirms later.
   */
  refund(r: RefundRequest): Promise<{ state: 'succeeded' | 'pending' | 'failed'; providerRef: string | null }>;
}

export interface CheckoutRequest {
  paymentId: string;
  amountMinor: number;
  currency: string;
  description: string;
  /** Where the buyer comes back to afterwards. */
  returnUrl: string;
}

/** What a verified callback says happened. `paymentId` is hutong's id (Alipay's out_trade_no). */
export interface PaymentNotice {
  /** The provider's id of this notification; the same on its retries (Alipay notify_id, Stripe event.id). */
  eventId: string;
  paymentId: string;
  providerRef: string;
  amountMinor: number;
  currency: string;
  outcome: 'succeeded' | 'failed';
}

export type CallbackRefusal = 'malformed' | 'bad_signature' | 'stale';

export interface RefundRequest {
  refundId: string;
  paymentId: string;
  providerRef: string | null;
  amountMinor: number;
  currency: string;
  reason: string;
}
