import { z } from 'zod';
import { text } from './text.schemas';
import { pageAnswer } from './pagination.schemas';

/**
 * Webhooks: a shop subscribes an HTTPS endpoint to events; each event is POSTed as JSON signed with
 * the Standard Webhooks scheme (docs/webhooks.md). The events and what each payload's `data` holds:
 * the sales events carry the order or campaign facts of `sales-events.schemas.ts`, show and pin
 * events the ids a partner needs to ask the API for more.
 */
export const webhookEventTypes = [
  'show.started',
  'show.ended',
  'item.pinned',
  'sale.started',
  'sale.soldOut',
  'order.created',
  'order.paid',
  'order.refunded',
  'presale.balanceDue',
  'gift.claimed',
  'gift.returned',
] as const;
export const webhookEventType = z.enum(webhookEventTypes);
export type WebhookEventType = z.infer<typeof webhookEventType>;
/** Sent only by "send test event"; never subscribed to. */
export const WEBHOOK_TEST_EVENT = 'webhook.test';

/** An address the server may POST to: http(s), no credentials, at most 2,000 characters. */
export const webhookUrl = z
  .string()
  .max(2000)
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === 'https:' || u.protocol === 'http:') && !u.username && !u.password;
    } catch {
      return false;
    }
  }, 'an http:// or https:// address without a user name or password');

export const webhookState = z.enum(['enabled', 'disabled']);

export const webhook = z.object({
  id: z.string().uuid(),
  url: z.string(),
  description: z.string(),
  eventTypes: z.array(webhookEventType),
  state: webhookState,
  /** Why it was disabled (repeated failure, 410 Gone, or by hand); null while enabled. */
  disabledReason: z.string().nullable(),
  /** After a secret rotation: until when requests are signed with the previous secret too; null when they are not. */
  previousSecretExpiresAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Webhook = z.infer<typeof webhook>;
export const webhooksAnswer = pageAnswer('webhooks', webhook);
export const webhookAnswer = z.object({ webhook });
/** The signing secret (`whsec_…`) is in the creation answer and at `…/secret`, for the owner to copy. */
export const createdWebhookAnswer = z.object({ webhook, secret: z.string() });
export const webhookSecretAnswer = z.object({ secret: z.string() });
/** How long the secret being replaced keeps signing beside the new one (hours, 0–168; default a day). */
export const rotateSecretBody = z.object({ keepOldForHours: z.number().int().min(0).max(168).default(24) });
/** The new secret, shown once here (and readable again at `…/secret`). */
export const rotatedSecretAnswer = z.object({ webhook, secret: z.string() });

export const createWebhookBody = z.object({
  url: webhookUrl,
  description: text({ max: 200 }).optional(),
  eventTypes: z.array(webhookEventType).min(1).max(webhookEventTypes.length),
});
/** Any of the fields; `enabled: true` enables a disabled endpoint again (delivery resumes where it stopped). */
export const updateWebhookBody = z.object({
  url: webhookUrl.optional(),
  description: text({ max: 200 }).optional(),
  eventTypes: z.array(webhookEventType).min(1).max(webhookEventTypes.length).optional(),
  enabled: z.boolean().optional(),
});

export const webhookParams = z.object({ shopId: z.string().uuid(), webhookId: z.string().uuid() });
export const deliveryParams = webhookParams.extend({ deliveryId: z.string().uuid() });

export const deliveryState = z.enum(['pending', 'succeeded', 'failed']);

export const webhookDelivery = z.object({
  id: z.string().uuid(),
  /** The `webhook-id` header: the same on every attempt and every redelivery of the event. */
  messageId: z.string().uuid(),
  eventType: z.string(),
  state: deliveryState,
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastStatus: z.number().int().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export const webhookDeliveriesAnswer = pageAnswer('deliveries', webhookDelivery);
export const webhookDeliveryAnswer = z.object({ delivery: webhookDelivery });

export const webhookAttempt = z.object({
  attempt: z.number().int(),
  at: z.string(),
  requestHeaders: z.record(z.string(), z.string()),
  requestBody: z.string(),
  /** null when no answer came (refused connection, timeout, address not allowed). */
  responseStatus: z.number().int().nullable(),
  /** The first 4 KB of the answer. */
  responseBody: z.string().nullable(),
  error: z.string().nullable(),
  durationMs: z.number().int(),
});
/** One delivery with every attempt (at most HUTONG_WEBHOOK_MAX_ATTEMPTS): a bounded document. */
export const webhookDeliveryDetailAnswer = z.object({ delivery: webhookDelivery, attempts: z.array(webhookAttempt) });

/** The JSON body of every webhook request. */
export const webhookPayload = z.object({
  type: z.string(),
  /** When the event happened (ISO 8601). */
  timestamp: z.string(),
  shopId: z.string().uuid(),
  data: z.record(z.string(), z.unknown()),
});
export type WebhookPayload = z.infer<typeof webhookPayload>;
