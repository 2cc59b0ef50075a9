import { useEffect, useRef, useState, type TouchEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { fetchShows } from '../discover/discover.api';

/** A vertical swipe this long (px), and mostly vertical, moves to another room. */
const SWIPE_PX = 80;

/**
 * On a phone, as on Douyin: swiping up moves to the next live room, swiping down to the previous
 * one, in the order of the home page's "live now". A swipe that starts on something that scrolls
 * itself (the chat, a sheet) or on a control is left to it.
 */
export function useSwipeRooms(slug: string, enabled: boolean) {
  const navigate = useNavigate();
  const [rooms, setRooms] = useState<string[]>([]);
  const start = useRef<{ x: number; y: number } | null>(null);

  useEffect(() => {
    if (!enabled) return;
    const ctl = new AbortController();
    fetchShows('live', { limit: 50 }, ctl.signal).then(
      (page) => setRooms([...new Set(page.shows.map((s) => s.room.slug))]),
      () => {}, // no list: no swiping, the room itself still works
    );
    return () => ctl.abort();
  }, [slug, enabled]);

  const neighbour = (step: 1 | -1): string | undefined => {
    const i = rooms.indexOf(slug);
    return i < 0 ? (step === 1 ? rooms.find((r) => r !== slug) : undefined) : rooms[i + step];
  };

  if (!enabled) return {};
  return {
    onTouchStart(e: TouchEvent) {
      const target = e.target as HTMLElement;
      const t = e.touches[0];
      start.current = t && !target.closest('.livechat-list, .sheet, button, a, input, [data-no-swipe]') ? { x: t.clientX, y: t.clientY } : null;
    },
    onTouchEnd(e: TouchEvent) {
      const from = start.current;
      const t = e.changedTouches[0];
      start.current = null;
      if (!from || !t) return;
      const dy = t.clientY - from.y;
      const dx = t.clientX - from.x;
      if (Math.abs(dy) < SWIPE_PX || Math.abs(dy) < 2 * Math.abs(dx)) return;
      const next = neighbour(dy < 0 ? 1 : -1);
      if (next) navigate(`/live/${encodeURIComponent(next)}`);
    },
  };
}
