import { useEffect, useState } from 'react';
import type { Presale, RoomFlashSale } from '../../../../src/contracts/sales-campaigns.schemas';
import type { RoomCoupon } from '../../../../src/contracts/sales-coupons.schemas';
import { useResource } from '../../api/use-resource';
import { useRoomEvents } from '../../realtime';
import { fetchRoomSales } from './buy.api';

export interface RoomSalesState {
  /** Flash sales live or about to start, with the stock left as the last room event said. */
  flashSales: RoomFlashSale[];
  /** Coupons dropped into the room that still have claims left. */
  coupons: RoomCoupon[];
  /** Presales of the room (as read when the room opened). */
  presales: Presale[];
}

/**
 * What a room sells besides its cart, read once over HTTP and then kept current by room events:
 * a sale started, its stock left (one event per tick, not per purchase), sold out, ended; a coupon
 * dropped. The countdown itself is the viewer's clock against the sale's `endsAt`.
 */
export function useRoomSales(slug: string): RoomSalesState {
  const [read] = useResource((signal) => fetchRoomSales(slug, signal), [slug]);
  const [flashSales, setFlashSales] = useState<RoomFlashSale[]>([]);
  const [coupons, setCoupons] = useState<RoomCoupon[]>([]);

  useEffect(() => {
    if (read.status !== 'ok') return;
    // Events that arrived before the read stay (a sale started meanwhile); the read fills the rest.
    setFlashSales((live) => [...live, ...read.data.flashSales.filter((s) => !live.some((l) => l.id === s.id))]);
    setCoupons((live) => [...live, ...read.data.coupons.filter((c) => !live.some((l) => l.id === c.id))]);
  }, [read]);

  useRoomEvents(slug, (event) => {
    switch (event.type) {
      case 'sale.started':
        setFlashSales((all) => [...all.filter((s) => s.id !== event.sale.id), event.sale]);
        break;
      case 'sale.stock':
        setFlashSales((all) => all.map((s) => (s.id === event.saleId ? { ...s, left: Math.min(s.left, event.left) } : s)));
        break;
      case 'sale.soldOut':
        setFlashSales((all) => all.map((s) => (s.id === event.saleId ? { ...s, left: 0 } : s)));
        break;
      case 'sale.ended':
        setFlashSales((all) => all.filter((s) => s.id !== event.saleId));
        break;
      case 'coupon.dropped':
        setCoupons((all) => [event.coupon, ...all.filter((c) => c.id !== event.coupon.id)]);
        break;
      default:
    }
  });

  return { flashSales, coupons, presales: read.status === 'ok' ? read.data.presales : [] };
}

/** The current time, once a second while mounted: countdowns re-render from it. */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** "4:05" or "1:02:03" for a span in milliseconds (never negative). */
export function clockText(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

export type SalePhase = 'upcoming' | 'live' | 'soldOut' | 'over';

export function salePhase(sale: RoomFlashSale, now: number): SalePhase {
  if (now >= Date.parse(sale.endsAt)) return 'over';
  if (now < Date.parse(sale.startsAt)) return 'upcoming';
  return sale.left <= 0 ? 'soldOut' : 'live';
}
