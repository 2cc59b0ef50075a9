import type { Sales } from '../sales';
import type { Gifts } from '../gifts';
import type { Shows } from '../live';
import type { Cart } from '../cart';
import type { WebhookSource } from '../webhooks';

/** Sales' outbox, read through sales' published `outbox.read`, as a webhook source. */
export const salesWebhookSource = (sales: Sales): WebhookSource => ({
  name: 'sales',
  async read(after, limit) {
    const { events, next } = await sales.outbox.read({ after, limit });
    return { events: events.map((e) => ({ id: e.id, shopId: e.shopId, type: e.type, at: e.at, data: e.data })), next };
  },
});

/** Gifts' outbox (gift.claimed, gift.returned), read through gifts' published `outbox.read`, as a webhook source. */
export const giftsWebhookSource = (gifts: Gifts): WebhookSource => ({
  name: 'gifts',
  read: (after, limit) => gifts.outbox.read({ after, limit }),
});

/** Live's outbox (show.started, show.ended), read through `shows.outbox.read`, as a webhook source. */
export const liveWebhookSource = (shows: Pick<Shows, 'outbox'>): WebhookSource => ({
  name: 'live',
  read: (after, limit) => shows.outbox.read({ after, limit }),
});

/** The cart's outbox (item.pinned), read through `cart.outbox.read`, as a webhook source. */
export const cartWebhookSource = (cart: Pick<Cart, 'outbox'>): WebhookSource => ({
  name: 'cart',
  read: (after, limit) => cart.outbox.read({ after, limit }),
});
