import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RoomEvent } from '../../contracts/room-events.schemas';
import { createAnnouncer } from './announcer';

describe('the sales announcer', () => {
  const sent: RoomEvent[] = [];
  const announcer = () => createAnnouncer({ announce: async (_room, e) => void sent.push(e), tickMs: 100, log: { warn: () => {} } });
  beforeEach(() => {
    vi.useFakeTimers();
    sent.length = 0;
  });
  afterEach(() => vi.useRealTimers());

  it('sends the stock left once a tick however many units sold in it, and "sold out" at once', () => {
    const a = announcer();
    const saleId = '00000000-0000-4000-8000-000000000001';
    for (let left = 999; left >= 1; left--) a.stockLeft('room', saleId, left);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(100);
    expect(sent).toEqual([{ type: 'sale.stock', saleId, left: 1 }]);
    a.stockLeft('room', saleId, 0);
    expect(sent.at(-1)).toEqual({ type: 'sale.soldOut', saleId });
    a.stockLeft('room', saleId, 0);
    vi.advanceTimersByTime(100);
    expect(sent.filter((e) => e.type === 'sale.soldOut')).toHaveLength(1);
    expect(sent.at(-1)).toEqual({ type: 'sale.stock', saleId, left: 0 });
  });

  it('counts the "bought" news per product and sends it once a tick', () => {
    const a = announcer();
    for (let i = 0; i < 40; i++) a.bought('room', 'p1', '宁夏枸杞');
    a.bought('room', 'p2', '龙井');
    vi.advanceTimersByTime(100);
    expect(sent).toEqual([
      { type: 'sale.bought', productId: 'p1', title: '宁夏枸杞', count: 40 },
      { type: 'sale.bought', productId: 'p2', title: '龙井', count: 1 },
    ]);
  });
});
