import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../api/client';
import { useResource } from '../api/use-resource';
import { ErrorNotice, Loading, Message } from '../shell/ui';
import { Room } from './room/Room';
import { fetchRoom } from './viewer.api';

/** /live/:slug — what a viewer opens from a link, a QR code or a share token. No login needed. */
export function LiveRoomPage() {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
  const [room, reload] = useResource((signal) => fetchRoom(slug, signal), [slug]);

  if (room.status === 'loading') return <Loading />;
  if (room.status === 'error') {
    if (room.error instanceof ApiError && room.error.code === 'LIVE_ROOM_NOT_FOUND') {
      return (
        <Message title={t('viewer.notFoundTitle')}>
          <p>{t('viewer.notFoundBody')}</p>
          <Link to="/">{t('shell.backHome')}</Link>
        </Message>
      );
    }
    return <ErrorNotice error={room.error} onRetry={reload} />;
  }
  // Keyed by slug: swiping to another room starts it fresh (its own socket, cart and sheets).
  return <Room key={slug} room={room.data} />;
}
