import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomEvent } from '../../../../src/contracts/room-events.schemas';
import { useRoomEvents } from '../../realtime';

type Notice = Extract<RoomEvent, { type: 'item.buying' | 'sale.bought' }>;

/** How long a notice stays up; the next one replaces it. */
const SHOWN_MS = 4000;

/**
 * Over the chat: "3 people are going to buy #2 …" (click-outs to a marketplace) and "someone just
 * bought …" (orders placed in the room), as the server coalesced them per tick. Who is never said.
 */
export function BuyingNotice({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const [notice, setNotice] = useState<Notice>();
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useRoomEvents(slug, (event) => {
    if (event.type !== 'item.buying' && event.type !== 'sale.bought') return;
    setNotice(event);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setNotice(undefined), SHOWN_MS);
  });
  useEffect(() => () => clearTimeout(timer.current), []);
  if (!notice) return null;
  const { count, title } = notice;
  const text =
    notice.type === 'sale.bought'
      ? count === 1 ? t('chat.boughtOne', { title }) : t('chat.boughtMany', { count, title })
      : count === 1 ? t('chat.buyingOne', { number: notice.number, title }) : t('chat.buyingMany', { count, number: notice.number, title });
  return (
    <p className={`livechat-buying${notice.type === 'sale.bought' ? ' livechat-bought' : ''}`} role="status" data-testid="buying-notice">
      {text}
    </p>
  );
}
