import type { z } from 'zod';
import type { createWebhookBody, updateWebhookBody } from '../../../src/contracts/webhooks.schemas';
import { typed } from '../api/client';
import { sdk } from '../api/sdk';

/** The Webhooks tab's calls, through the typed SDK: one shop's endpoints and their delivery logs. */
const hook = (shopId: string, webhookId: string) => ({ path: { shopId, webhookId } });
const delivery = (shopId: string, webhookId: string, deliveryId: string) => ({ path: { shopId, webhookId, deliveryId } });

export const listWebhooks = async (shopId: string, after: string | undefined, signal: AbortSignal) => {
  const { webhooks, next } = await typed(sdk.GET('/api/v1/shops/{shopId}/webhooks', { params: { path: { shopId }, query: { after } }, signal }), signal);
  return { items: webhooks, next };
};

export const createWebhook = (shopId: string, body: z.output<typeof createWebhookBody>) =>
  typed(sdk.POST('/api/v1/shops/{shopId}/webhooks', { params: { path: { shopId } }, body }));

export const updateWebhook = async (shopId: string, webhookId: string, body: z.output<typeof updateWebhookBody>) =>
  (await typed(sdk.PATCH('/api/v1/shops/{shopId}/webhooks/{webhookId}', { params: hook(shopId, webhookId), body }))).webhook;

export const deleteWebhook = async (shopId: string, webhookId: string): Promise<void> => {
  await typed(sdk.DELETE('/api/v1/shops/{shopId}/webhooks/{webhookId}', { params: hook(shopId, webhookId) }));
};

export const sendTestEvent = async (shopId: string, webhookId: string) =>
  (await typed(sdk.POST('/api/v1/shops/{shopId}/webhooks/{webhookId}/test', { params: hook(shopId, webhookId) }))).delivery;

export const listDeliveries = async (shopId: string, webhookId: string, after: string | undefined, signal: AbortSignal) => {
  const { deliveries, next } = await typed(
    sdk.GET('/api/v1/shops/{shopId}/webhooks/{webhookId}/deliveries', { params: { ...hook(shopId, webhookId), query: { after } }, signal }),
    signal,
  );
  return { items: deliveries, next };
};

export const getDelivery = (shopId: string, webhookId: string, deliveryId: string, signal?: AbortSignal) =>
  typed(sdk.GET('/api/v1/shops/{shopId}/webhooks/{webhookId}/deliveries/{deliveryId}', { params: delivery(shopId, webhookId, deliveryId), signal }), signal);

export const redeliver = async (shopId: string, webhookId: string, deliveryId: string) =>
  (await typed(sdk.POST('/api/v1/shops/{shopId}/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver', { params: delivery(shopId, webhookId, deliveryId) }))).delivery;

/** A new signing secret; the old one keeps signing beside it for a day (docs/webhooks.md). */
export const rotateSecret = (shopId: string, webhookId: string) =>
  typed(sdk.POST('/api/v1/shops/{shopId}/webhooks/{webhookId}/secret/rotate', { params: hook(shopId, webhookId), body: { keepOldForHours: 24 } }));
