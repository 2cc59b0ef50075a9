import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomEvent } from '../../../../src/contracts/room-events.schemas';
import { useRoomEvents } from '../../realtime';

type Buying = Extract<RoomEvent, { type: 'item.buying' }>;

/** How long a notice stays up; the next one replaces it. */
const SHOWN_MS = 4000;

/** "3 people are going to buy #2 …": the room's click-outs, as the server coalesced them. */
export function BuyingNotice({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const [notice, setNotice] = useState<Buying>();
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useRoomEvents(slug, (event) => {
    if (event.type !== 'item.buying') return;
    setNotice(event);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setNotice(undefined), SHOWN_MS);
  });
  useEffect(() => () => clearTimeout(timer.current), []);
  if (!notice) return null;
  const { count, number, title } = notice;
  return (
    <p className="livechat-buying" role="status" data-testid="buying-notice">
      {count === 1 ? t('chat.buyingOne', { number, title }) : t('chat.buyingMany', { count, number, title })}
    </p>
  );
}
