import type { Db } from '../platform/db/db.port';
import type { Clock } from '../kernel/clock';
import { AppError } from '../kernel/app-error';
import { newId } from '../kernel/ids';
import { mapPage } from '../platform/db/keyset';
import type { PageQuery } from '../contracts/pagination.schemas';
import { WEBHOOK_TEST_EVENT, type WebhookEventType } from '../contracts/webhooks.schemas';
import { deliveriesRepo, type AttemptRow, type DeliveryRow } from './deliveries.repo';
import { endpointsRepo, type EndpointRow } from './endpoints.repo';
import { newWebhookSecret } from './signing';

const endpointDto = (e: EndpointRow, now: Date) => ({
  id: e.id,
  url: e.url,
  description: e.description,
  eventTypes: e.eventTypes,
  state: e.state,
  disabledReason: e.disabledReason,
  previousSecretExpiresAt: e.previousSecretUntil && e.previousSecretUntil > now ? e.previousSecretUntil.toISOString() : null,
  createdAt: e.createdAt.toISOString(),
});

const deliveryDto = (d: DeliveryRow) => ({
  id: d.id,
  messageId: d.messageId,
  eventType: d.eventType,
  state: d.state,
  attempts: d.attempts,
  nextAttemptAt: d.state === 'pending' ? (d.nextAttemptAt?.toISOString() ?? null) : null,
  lastStatus: d.lastStatus,
  createdAt: d.createdAt.toISOString(),
  finishedAt: d.finishedAt?.toISOString() ?? null,
});

const attemptDto = (a: AttemptRow) => ({ ...a, at: a.at.toISOString() });

/** A shop's webhook endpoints, their delivery logs, test events and redeliveries. `queued` wakes the sender. */
export function createEndpoints({ db, clock, queued }: { db: Db; clock: Clock; queued: () => void }) {
  async function endpoint(shopId: string, id: string): Promise<EndpointRow> {
    const row = await endpointsRepo.get(db, shopId, id);
    if (!row) throw new AppError('WEBHOOKS_ENDPOINT_NOT_FOUND');
    return row;
  }

  async function delivery(shopId: string, endpointId: string, deliveryId: string): Promise<DeliveryRow> {
    await endpoint(shopId, endpointId);
    const row = await deliveriesRepo.get(db, endpointId, deliveryId);
    if (!row) throw new AppError('WEBHOOKS_DELIVERY_NOT_FOUND');
    return row;
  }

  return {
    async create(shopId: string, body: { url: string; description?: string | undefined; eventTypes: WebhookEventType[] }) {
      const secret = newWebhookSecret();
      const row = await endpointsRepo.insert(db, {
        id: newId(), shopId, url: body.url, description: body.description ?? '', eventTypes: [...new Set(body.eventTypes)], secret, createdAt: clock.now(),
      });
      return { webhook: endpointDto(row, clock.now()), secret };
    },

    list: async (shopId: string, query: PageQuery) => mapPage(await endpointsRepo.page(db, shopId, query), (e) => endpointDto(e, clock.now())),

    get: async (shopId: string, id: string) => endpointDto(await endpoint(shopId, id), clock.now()),

    secret: async (shopId: string, id: string) => (await endpoint(shopId, id)).secret,

    async update(shopId: string, id: string, change: { url?: string; description?: string; eventTypes?: WebhookEventType[]; enabled?: boolean }) {
      const row = await endpointsRepo.update(db, shopId, id, { ...change, eventTypes: change.eventTypes && [...new Set(change.eventTypes)] });
      if (!row) throw new AppError('WEBHOOKS_ENDPOINT_NOT_FOUND');
      if (change.enabled) queued();
      return endpointDto(row, clock.now());
    },

    /**
     * A new signing secret, effective from the next attempt; requests are signed with the old one
     * too for `keepOldForHours` (0: not at all), while receivers move to the new one.
     */
    async rotateSecret(shopId: string, id: string, keepOldForHours: number) {
      const secret = newWebhookSecret();
      const until = new Date(clock.now().getTime() + keepOldForHours * 3600_000);
      const row = await endpointsRepo.rotate(db, shopId, id, secret, until);
      if (!row) throw new AppError('WEBHOOKS_ENDPOINT_NOT_FOUND');
      return { webhook: endpointDto(row, clock.now()), secret };
    },

    async remove(shopId: string, id: string): Promise<void> {
      if (!(await endpointsRepo.remove(db, shopId, id))) throw new AppError('WEBHOOKS_ENDPOINT_NOT_FOUND');
    },

    /** A `webhook.test` event to this endpoint alone, queued behind what it already has. */
    async sendTest(shopId: string, id: string) {
      await endpoint(shopId, id);
      const at = clock.now();
      const messageId = newId();
      const body = JSON.stringify({ type: WEBHOOK_TEST_EVENT, timestamp: at.toISOString(), shopId, data: { message: 'A test event from hutong.' } });
      const [deliveryId] = await db.transaction((tx) =>
        deliveriesRepo.enqueue(tx, { id: messageId, shopId, type: WEBHOOK_TEST_EVENT, source: 'test', sourceId: messageId, body, createdAt: at }, newId, id),
      );
      queued();
      return deliveryDto((await deliveriesRepo.get(db, id, deliveryId!))!);
    },

    async deliveries(shopId: string, id: string, query: PageQuery) {
      await endpoint(shopId, id);
      return mapPage(await deliveriesRepo.page(db, id, query), deliveryDto);
    },

    async delivery(shopId: string, endpointId: string, deliveryId: string) {
      const row = await delivery(shopId, endpointId, deliveryId);
      return { delivery: deliveryDto(row), attempts: (await deliveriesRepo.attempts(db, deliveryId)).map(attemptDto) };
    },

    /** The same event (same webhook-id) once more to this endpoint, after what it already has queued. */
    async redeliver(shopId: string, endpointId: string, deliveryId: string) {
      await delivery(shopId, endpointId, deliveryId);
      const id = newId();
      await deliveriesRepo.requeue(db, endpointId, deliveryId, id, clock.now());
      queued();
      return deliveryDto((await deliveriesRepo.get(db, endpointId, id))!);
    },
  };
}

export type Endpoints = ReturnType<typeof createEndpoints>;
