import { useMemo, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { ApiError } from '../api/client';
import { useResource } from '../api/use-resource';
import { useRoomEvents } from '../realtime';
import { ErrorNotice, Loading, Message } from '../shell/ui';
import { Room } from '../viewer/room/Room';
import { RoomSignalsContext, type RoomSignals } from '../viewer/room/room-signals';
import { fetchRoom } from '../viewer/viewer.api';
import { postToHost } from './host-events';
import { useOnce } from './use-once';
import './embed.css';

/**
 * /embed/:slug — the room alone, for another site's iframe (or `<hutong-live>`): no site header, no
 * swiping to other rooms; links that would leave the room open in a new tab instead of inside the
 * frame. What happens in the room is posted to the framing page (host-events.ts).
 */
export function EmbedPage() {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
  const [room, reload] = useResource((signal) => fetchRoom(slug, signal), [slug]);
  const signals = useMemo<RoomSignals>(
    () => ({
      itemOpened: (item) => postToHost({ event: 'item.opened', detail: { room: slug, itemId: item.id, number: item.number, title: item.title } }),
      buyStarted: (b) => postToHost({ event: 'buy.started', detail: { room: slug, ...b } }),
      orderPlaced: (o) => postToHost({ event: 'order.placed', detail: { room: slug, ...o } }),
      orderPaid: (o) => postToHost({ event: 'order.paid', detail: { room: slug, ...o } }),
    }),
    [slug],
  );
  useOnce(room.status === 'ok', () => postToHost({ event: 'ready', detail: { room: slug } }));
  useRoomEvents(room.status === 'ok' ? slug : undefined, (event) => {
    if (event.type === 'show.state' && event.state !== 'scheduled') {
      postToHost({ event: event.state === 'live' ? 'live.started' : 'live.ended', detail: { room: slug, showId: event.showId } });
    } else if (event.type === 'product.pinned') {
      postToHost({ event: 'item.pinned', detail: { room: slug, itemId: event.item.id, number: event.item.number, title: event.item.title } });
    }
  });

  let body;
  if (room.status === 'loading') body = <Loading />;
  else if (room.status === 'error') {
    body =
      room.error instanceof ApiError && room.error.code === 'LIVE_ROOM_NOT_FOUND' ? (
        <Message title={t('viewer.notFoundTitle')}>
          <p>{t('viewer.notFoundBody')}</p>
        </Message>
      ) : (
        <ErrorNotice error={room.error} onRetry={reload} />
      );
  } else {
    body = (
      <RoomSignalsContext.Provider value={signals}>
        <Room room={room.data} embedded />
      </RoomSignalsContext.Provider>
    );
  }
  return (
    <div className="embed" onClickCapture={leaveInNewTab}>
      {body}
    </div>
  );
}

/** A link to another page of hutong (the shop, login, home) opens in a new tab: the frame keeps the room. */
function leaveInNewTab(e: MouseEvent) {
  const link = (e.target as Element).closest?.('a[href]');
  if (!(link instanceof HTMLAnchorElement) || link.target === '_blank') return;
  if (new URL(link.href, location.href).pathname.startsWith('/embed/')) return;
  e.preventDefault();
  e.stopPropagation();
  window.open(link.href, '_blank', 'noopener');
}
