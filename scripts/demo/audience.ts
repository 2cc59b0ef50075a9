/**
 * The demo's anonymous audience: viewers who join the room and leave again, chat, like, open the
 * cart and a product's sheet (the same beacons the viewer page sends), click out to marketplace
 * listings (/go/CODE, never followed beyond hutong) and share the room (POST /api/v1/shares, then
 * friends visit /s/CODE and join). Everything goes through hutong's public API and room socket.
 *
 * One timer drives everyone once a second, each viewer rolling dice for what to do, so a few
 * hundred viewers cost a fraction of a core. Rates are per viewer and second, chosen to look like a
 * lively small room (and to stay inside the per-address limits: the whole audience comes from one
 * address, and shares are limited to HUTONG_SHARE_CREATE_PER_MINUTE per address).
 */
import type { DemoClient } from './http';
import { RoomSocket } from './room-socket';
import { chatLines, pick, within } from './dice';

export interface AudienceStats {
  joins: number;
  leaves: number;
  chat: number;
  likes: number;
  cartOpens: number;
  productOpens: number;
  clickOuts: number;
  shares: number;
  shareVisits: number;
  failures: number;
}

interface CartItem {
  id: string;
  kind: 'product' | 'listing';
  link: { mode: 'link'; url: string } | { mode: 'token'; token: string } | null;
}

const RATES = {
  leave: 1 / 150, // a viewer stays about 2½ minutes
  comeBack: 0.6, // …and comes back (the same viewer) after a while, or a new one takes the place
  like: 1 / 8,
  chatters: 0.1, // share of viewers who ever chat
  chat: 1 / 45,
  cartOpen: 1 / 120,
  productOpen: 0.6, // after opening the cart
  clickOut: 0.3,
  share: 1 / 1500,
};

export interface Audience {
  stats: AudienceStats;
  stop: () => void;
}

export function startAudience(opts: { client: DemoClient; room: string; viewers: number; rampPerSecond?: number }): Audience {
  const { client, room } = opts;
  const stats: AudienceStats = { joins: 0, leaves: 0, chat: 0, likes: 0, cartOpens: 0, productOpens: 0, clickOuts: 0, shares: 0, shareVisits: 0, failures: 0 };
  let cart: CartItem[] = [];
  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void) => {
    if (stopped) return;
    const t = setTimeout(() => {
      timers.delete(t);
      if (!stopped) fn();
    }, ms);
    timers.add(t);
  };
  const attempt = (what: Promise<unknown>) => void what.catch(() => void (stopped || stats.failures++));

  interface Viewer {
    socket: RoomSocket;
    chatter: boolean;
    /** Present in the room now (false while away between leaving and coming back). */
    here: boolean;
  }
  const viewers: Viewer[] = [];
  /** Visitors of a share who stayed to watch, for a while. */
  const friends = new Set<Viewer>();
  const newSocket = () => new RoomSocket({ base: client.base, room });
  const join = (v: Viewer) => {
    v.socket.connect();
    v.here = true;
    stats.joins++;
  };

  const loadCart = async () => {
    cart = (await client.get<{ items: CartItem[] }>(`/api/v1/rooms/${room}/cart`)).items;
  };
  attempt(loadCart());
  const cartTimer = setInterval(() => attempt(loadCart()), 30_000);

  const browse = () => {
    stats.cartOpens++;
    attempt(client.post(`/api/v1/rooms/${room}/analytics`, { type: 'cart.opened' }));
    const own = cart.filter((i) => i.kind === 'product');
    const listings = cart.filter((i) => i.link?.mode === 'link');
    if (own.length && Math.random() < RATES.productOpen)
      later(within(1_000, 4_000), () => {
        stats.productOpens++;
        attempt(client.post(`/api/v1/rooms/${room}/analytics`, { type: 'product.opened', itemId: pick(own).id }));
      });
    else if (listings.length && Math.random() < RATES.clickOut)
      later(within(1_000, 4_000), () => {
        const link = pick(listings).link as { url: string };
        stats.clickOuts++;
        // /go/CODE counts the click and redirects to the marketplace; the demo stops at the redirect.
        attempt(client.request('GET', new URL(link.url, client.base).pathname));
      });
  };

  const share = () => {
    const channel = pick(['wechat', 'wechat', 'qq', 'weibo', 'douyin', 'copy', 'qr']);
    attempt(
      client.post<{ share: { code: string } }>('/api/v1/shares', { target: { room }, channel }).then(({ share }) => {
        stats.shares++;
        // A friend or two open the link a little later, and some of them stay to watch.
        for (let k = Math.floor(within(0, 3)); k > 0; k--)
          later(within(2_000, 20_000), () => {
            stats.shareVisits++;
            attempt(client.request('GET', `/s/${share.code}`));
            if (Math.random() < 0.7) {
              const friend: Viewer = { socket: newSocket(), chatter: false, here: false };
              friends.add(friend);
              join(friend);
              later(within(30_000, 180_000), () => {
                friend.socket.close();
                friends.delete(friend);
                stats.leaves++;
              });
            }
          });
      }),
    );
  };

  const act = () => {
    for (const v of viewers) {
      if (!v.here) continue;
      if (Math.random() < RATES.leave) {
        v.here = false;
        stats.leaves++;
        if (Math.random() < 0.2) v.socket.terminate();
        else v.socket.close();
        const back = Math.random() < RATES.comeBack;
        later(within(3_000, 20_000), () => {
          if (!back) v.socket = newSocket();
          join(v);
        });
        continue;
      }
      if (Math.random() < RATES.like) {
        const n = Math.ceil(within(0, 10));
        v.socket.like(n);
        stats.likes += n;
      }
      if (v.chatter && Math.random() < RATES.chat) {
        v.socket.chat(`${pick(chatLines)}${Math.random() < 0.5 ? '' : ` ${Math.floor(within(1, 99))}`}`);
        stats.chat++;
      }
      if (Math.random() < RATES.cartOpen) browse();
      if (Math.random() < RATES.share) share();
    }
  };
  const actTimer = setInterval(act, 1_000);

  // Ramp up: a crowd arrives over a few seconds, not in one instant.
  const ramp = opts.rampPerSecond ?? 50;
  const rampTimer = setInterval(() => {
    for (let k = 0; k < Math.max(1, Math.round(ramp / 10)) && viewers.length < opts.viewers; k++) {
      const v: Viewer = { socket: newSocket(), chatter: Math.random() < RATES.chatters, here: false };
      viewers.push(v);
      join(v);
    }
    if (viewers.length >= opts.viewers) clearInterval(rampTimer);
  }, 100);

  return {
    stats,
    stop() {
      stopped = true;
      for (const t of [cartTimer, actTimer, rampTimer]) clearInterval(t);
      for (const t of timers) clearTimeout(t);
      for (const v of [...viewers, ...friends]) v.socket.close();
    },
  };
}
