/**
 * The demo's host (主播 Mei, the seeded host account), driving the show through the same API as the
 * host console: pin a product of the cart (the explaining card, later a replay chapter), talk
 * about it for a while, start a flash sale on it, and when it sells out or ends, unpin it and go on
 * to the next product. The first sale starts a few seconds into the show, so a newcomer sees orders
 * within the first minute.
 */
import type { DemoClient } from './http';
import type { DemoRoom } from './stream';

export interface HostStats {
  sales: number;
  pins: number;
  lastSale: string | undefined;
  failures: number;
}

interface StudioItem {
  id: string;
  kind: 'product' | 'listing';
  title: string;
  productId: string | null;
  hasSkus: boolean;
  stock: number | null;
  priceMinor: number | null;
}

const pause = (ms: number, stopped: () => boolean) =>
  new Promise<void>((resolve) => {
    const end = Date.now() + ms;
    const t = setInterval(() => {
      if (stopped() || Date.now() >= end) {
        clearInterval(t);
        resolve();
      }
    }, 100);
  });

export interface Host {
  stats: HostStats;
  stop: () => void;
  done: Promise<void>;
}

/**
 * Runs the show once `showLive` says so (the video reached hutong); `units` per sale is sized to the
 * buyers, so sales sell out and the next one comes.
 */
export function startHost(opts: { host: DemoClient; room: DemoRoom; units: number; showLive: () => Promise<boolean> }): Host {
  const { host, room } = opts;
  const stats: HostStats = { sales: 0, pins: 0, lastSale: undefined, failures: 0 };
  let stopped = false;
  const isStopped = () => stopped;
  const cartPath = `/api/v1/shops/${room.shopId}/rooms/${room.roomId}/cart`;

  async function oneSale(turn: number): Promise<void> {
    const { items } = await host.get<{ items: StudioItem[] }>(cartPath);
    const own = items.filter((i) => i.kind === 'product' && i.productId && !i.hasSkus && (i.stock ?? 0) >= opts.units);
    if (!own.length) return void (await pause(30_000, isStopped)); // nothing left to sell: wait for a restock
    const item = own[turn % own.length]!;
    await host.post(`${cartPath}/pin`, { itemId: item.id });
    stats.pins++;
    await pause(turn === 0 ? 2_000 : 15_000, isStopped); // the host explains the product first
    if (stopped) return;
    const price = Math.max(100, Math.round(((item.priceMinor ?? 10_000) * 0.7) / 100) * 100); // 30 % off, whole yuan
    const { flashSale } = await host.post<{ flashSale: { id: string; title: string } }>(`/api/v1/shops/${room.shopId}/flash-sales`, {
      roomId: room.roomId,
      productId: item.productId,
      priceMinor: price,
      units: opts.units,
      perBuyerLimit: 2,
      durationMinutes: 3,
    });
    stats.sales++;
    stats.lastSale = flashSale.title;
    // Until it sells out or its time is up.
    for (;;) {
      await pause(2_000, isStopped);
      if (stopped) return;
      const { flashSale: now } = await host.get<{ flashSale: { state: string; sold: number; units: number } }>(`/api/v1/shops/${room.shopId}/flash-sales/${flashSale.id}`);
      if (now.state !== 'live' || now.sold >= now.units) break;
    }
    await pause(8_000, isStopped); // "sold out! next one coming"
    if (stopped) return;
    await host.call('POST', `${cartPath}/unpin`);
    await pause(8_000, isStopped);
  }

  const done = (async () => {
    while (!stopped && !(await opts.showLive().catch(() => false))) await pause(1_000, isStopped);
    for (let turn = 0; !stopped; turn++) {
      await oneSale(turn).catch(async () => {
        if (stopped) return;
        stats.failures++;
        await pause(5_000, isStopped);
      });
    }
  })();

  return {
    stats,
    done,
    stop() {
      stopped = true;
    },
  };
}
