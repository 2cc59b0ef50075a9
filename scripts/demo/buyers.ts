/**
 * The demo's buyers: real registered accounts (signed up on the first demo, logged in on later
 * ones) with a saved address, watching the room on a socket of their own (logged in, so they chat
 * under their names). When a flash sale starts (`sale.started` on the room socket, or already
 * running when they arrive) most of them try to buy; winners pay in the sandbox the way a browser
 * would — start a payment, follow the pay link to the sandbox's page, press Pay — and a few leave
 * their order unpaid or cancel it, so the units go back to the sale. Now and then a buyer also
 * orders from the cart at the list price, and shares the room (top sharers have names).
 * docs/sales.md's curl walk-through is the same steps by hand.
 */
import { randomUUID } from 'node:crypto';
import { DemoClient, DemoHttpError } from './http';
import { RoomSocket } from './room-socket';
import { pick, within } from './dice';
import type { RoomFlashSale } from '../../src/contracts/sales-campaigns.schemas';

export interface BuyerStats {
  ready: number;
  attempts: number;
  orders: number;
  paid: number;
  cancelled: number;
  refused: Map<string, number>;
  failures: number;
}

const NAMES = ['小王', '阿珍', '李姐', '老陈', 'Mia', '张同学', '茶友 Tom', '小鹿', '周周', '阿杰', 'Yuki', '大刘', '林林', '花花', '老赵', 'Ken', '小米', '胖虎', '安安', '豆豆'];
const CITIES = [
  { region: '北京市', city: '北京', line1: '东城区南锣鼓巷 8 号' },
  { region: '上海市', city: '上海', line1: '黄浦区南京东路 100 号' },
  { region: '广东省', city: '广州', line1: '越秀区北京路 66 号' },
  { region: '浙江省', city: '杭州', line1: '西湖区龙井路 9 号' },
  { region: '四川省', city: '成都', line1: '锦江区春熙路 3 号' },
];

interface Buyer {
  client: DemoClient;
  socket?: RoomSocket;
  addressId?: string;
  /** Sales this buyer has already gone for. */
  tried: Set<string>;
}

export interface Buyers {
  stats: BuyerStats;
  stop: () => void;
}

export function startBuyers(opts: { base: string; room: string; roomId: string; count: number; password: string }): Buyers {
  const stats: BuyerStats = { ready: 0, attempts: 0, orders: 0, paid: 0, cancelled: 0, refused: new Map(), failures: 0 };
  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => Promise<unknown> | void) => {
    if (stopped) return;
    const t = setTimeout(() => {
      timers.delete(t);
      if (!stopped) void Promise.resolve(fn()).catch(failed);
    }, ms);
    timers.add(t);
  };
  const failed = (err: unknown) => {
    if (stopped) return;
    if (err instanceof DemoHttpError && err.code) stats.refused.set(err.code, (stats.refused.get(err.code) ?? 0) + 1);
    else stats.failures++;
  };
  const buyers: Buyer[] = [];
  const key = () => ({ 'idempotency-key': randomUUID() });
  /** Links hutong makes are absolute (HUTONG_PUBLIC_URL); the demo talks to the address it knows. */
  const here = (url: string) => {
    const u = new URL(url, opts.base);
    return u.pathname + u.search;
  };

  async function enrol(i: number): Promise<Buyer> {
    const client = new DemoClient(opts.base);
    const email = `buyer${i + 1}@demo.hutong.local`;
    const displayName = `${NAMES[i % NAMES.length]}${i >= NAMES.length ? ` ${Math.floor(i / NAMES.length) + 1}` : ''}`;
    const signup = await client.request('POST', '/api/v1/auth/signup', { email, password: opts.password, displayName });
    if (signup.status === 409) await client.login(email, opts.password); // an earlier demo made the account
    else if (signup.status !== 201) throw new DemoHttpError(signup.status, signup.body?.error?.code, `sign-up of ${email}: HTTP ${signup.status}`);
    const { addresses } = await client.get<{ addresses: { id: string; isDefault: boolean }[] }>('/api/v1/me/addresses');
    let address = addresses.find((a) => a.isDefault) ?? addresses[0];
    if (!address) {
      const place = CITIES[i % CITIES.length]!;
      const phone = `138${String(10_000_000 + i).padStart(8, '0')}`;
      address = (await client.post<{ address: { id: string; isDefault: boolean } }>('/api/v1/me/addresses', { name: displayName, phone, ...place, isDefault: true })).address;
    }
    return { client, addressId: address.id, tried: new Set() };
  }

  /** Pays as a browser would: the pay link redirects to the sandbox's page, whose Pay button posts `outcome=paid`. */
  async function pay(b: Buyer, orderId: string): Promise<void> {
    const { payment } = await b.client.post<{ payment: { payUrl: string } }>(`/api/v1/orders/${orderId}/payments`, {}, key());
    const toCheckout = await b.client.request('GET', here(payment.payUrl));
    const checkout = toCheckout.headers.get('location');
    if (!checkout) throw new Error(`the pay link did not lead to the sandbox (HTTP ${toCheckout.status})`);
    await b.client.request('GET', here(checkout)); // the page a person would look at before pressing Pay
    const paid = await b.client.call<{ callback: { status: number } }>('POST', here(checkout), 'outcome=paid', { 'content-type': 'application/x-www-form-urlencoded' });
    if (paid.callback.status !== 200) throw new Error(`the sandbox's callback was answered ${paid.callback.status}`);
    stats.paid++;
    b.socket?.chat(pick(['已下单 🎉', '抢到了！', '付款成功 ✌️', '买到啦', '下单了，期待发货']));
  }

  async function afterOrder(b: Buyer, orderId: string): Promise<void> {
    const r = Math.random();
    if (r < 0.85) later(within(2_000, 8_000), () => pay(b, orderId));
    else if (r < 0.93)
      later(within(5_000, 20_000), async () => {
        await b.client.post(`/api/v1/orders/${orderId}/cancel`, undefined, key());
        stats.cancelled++;
      });
    // else: left unpaid; it expires after HUTONG_ORDER_TTL_MINUTES and its unit goes back.
  }

  function goFor(b: Buyer, sale: Pick<RoomFlashSale, 'id' | 'perBuyerLimit'>): void {
    if (b.tried.has(sale.id) || Math.random() > 0.85) return;
    b.tried.add(sale.id);
    later(within(300, 6_000), async () => {
      stats.attempts++;
      const quantity = sale.perBuyerLimit > 1 && Math.random() < 0.2 ? 2 : 1;
      const { order } = await b.client.post<{ order: { id: string } }>(`/api/v1/flash-sales/${sale.id}/orders`, { quantity, addressId: b.addressId }, key());
      stats.orders++;
      await afterOrder(b, order.id);
    });
  }

  /** Now and then a buyer orders an own product of the cart (one without options) at its price. */
  async function buyFromCart(b: Buyer): Promise<void> {
    const { items } = await b.client.get<{ items: { kind: string; productId: string | null; hasSkus: boolean; stock: number | null }[] }>(`/api/v1/rooms/${opts.room}/cart`);
    const own = items.filter((i) => i.kind === 'product' && i.productId && !i.hasSkus && (i.stock ?? 0) > 0);
    if (!own.length) return;
    stats.attempts++;
    const { order } = await b.client.post<{ order: { id: string } }>(
      '/api/v1/orders',
      { roomId: opts.roomId, lines: [{ productId: pick(own).productId, quantity: 1 }], addressId: b.addressId },
      key(),
    );
    stats.orders++;
    await afterOrder(b, order.id);
  }

  async function share(b: Buyer): Promise<void> {
    const { share } = await b.client.post<{ share: { code: string } }>('/api/v1/shares', { target: { room: opts.room }, channel: pick(['wechat', 'wechat', 'qq', 'weibo']) });
    later(within(3_000, 20_000), () => new DemoClient(opts.base).request('GET', `/s/${share.code}`)); // a friend opens it
  }

  async function arrive(i: number): Promise<void> {
    const b = await enrol(i);
    if (stopped) return;
    buyers.push(b);
    stats.ready++;
    b.socket = new RoomSocket({
      base: opts.base,
      room: opts.room,
      cookie: b.client.cookie,
      onEvent: (e) => {
        if (e.type === 'sale.started') goFor(b, e.sale);
      },
    });
    b.socket.connect();
    // A sale that started before this buyer arrived.
    const { flashSales } = await b.client.get<{ flashSales: RoomFlashSale[] }>(`/api/v1/rooms/${opts.room}/sales`);
    for (const sale of flashSales) if (sale.left > 0 && Date.parse(sale.startsAt) <= Date.now()) goFor(b, sale);
  }

  // Sign-ups hash a password each (memory-hard, on purpose): two at a time keeps the server responsive.
  let next = 0;
  const enrolNext = async (): Promise<void> => {
    while (!stopped && next < opts.count) await arrive(next++).catch(failed);
  };
  void enrolNext();
  void enrolNext();

  const habits = setInterval(() => {
    for (const b of buyers) {
      if (Math.random() < 1 / 8) b.socket?.like(Math.ceil(within(0, 5)));
      if (Math.random() < 1 / 400) void buyFromCart(b).catch(failed);
      if (Math.random() < 1 / 600) void share(b).catch(failed);
    }
  }, 1_000);

  return {
    stats,
    stop() {
      stopped = true;
      clearInterval(habits);
      for (const t of timers) clearTimeout(t);
      for (const b of buyers) b.socket?.close();
    },
  };
}
