import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { Membership } from '../../shell/session.api';
import { ApiError } from '../../api/client';
import { useResource } from '../../api/use-resource';
import { useRoomLive } from '../../realtime';
import { ErrorNotice, Loading, Message } from '../../shell/ui';
import { RoomPlayer } from '../../viewer/player/RoomPlayer';
import { CartDesk } from '../cart/CartDesk';
import { IngestStatusCard } from '../golive/IngestStatusCard';
import { ShowsCard } from '../golive/ShowsCard';
import { StreamKeyCard } from '../golive/StreamKeyCard';
import { BannedWordsForm } from '../moderation/BannedWordsForm';
import { ChatDesk } from '../moderation/ChatDesk';
import { LiveNumbers } from '../moderation/LiveNumbers';
import { SlowModeForm } from '../moderation/SlowModeForm';
import { getRoom } from '../studio.api';
import { ShowSalesNumbers } from '../sales/ShowSalesNumbers';
import { ConsoleActions } from './ConsoleActions';
import { LiveDashboard } from '../analytics/LiveDashboard';
import '../golive/golive.css';
import './console.css';

/**
 * /studio/rooms/:roomId — the host's one page for a show, on a laptop beside OBS: what viewers see
 * and how the encoder is doing, the audience numbers, the chat with moderation inline, the cart with
 * one-tap explain and reorder, and a row of actions (the sales issue adds flash sales and coupons).
 * Below: going live from OBS, scheduling shows, the chat's rules.
 */
export function ConsolePage({ membership }: { membership: Membership }) {
  const { t } = useTranslation();
  const { roomId = '' } = useParams();
  const shopId = membership.shop.id;
  const [found, reload] = useResource((signal) => getRoom(shopId, roomId, signal), [shopId, roomId]);
  const [ingestState, setIngestState] = useState('offline');
  const room = found.status === 'ok' ? found.data : undefined;
  const live = useRoomLive(room?.slug ?? '');

  if (found.status === 'loading') return <Loading />;
  if (found.status === 'error') {
    if (found.error instanceof ApiError && found.error.code === 'LIVE_ROOM_NOT_FOUND') {
      return <Message title={t('viewer.notFoundTitle')}><Link to="/studio">{t('console.back')}</Link></Message>;
    }
    return <ErrorNotice error={found.error} onRetry={reload} />;
  }
  if (!room) return null;

  return (
    <div className="console">
      <header className="page-head console-head">
        <h1>{t('console.title', { room: room.title })}</h1>
        <p className="muted">
          <Link to="/studio">{t('console.back')}</Link>
        </p>
      </header>
      <ConsoleActions shopId={shopId} roomId={room.id} slug={room.slug} />
      <div className="console-grid">
        <section className="card console-preview" aria-label={t('golive.preview')}>
          <h2>{t('golive.preview')}</h2>
          <div className="golive-preview-frame">
            <RoomPlayer slug={room.slug} />
          </div>
          <IngestStatusCard shopId={shopId} roomId={room.id} onState={setIngestState} />
        </section>
        <section className="card console-cart" aria-label={t('studioCart.open')}>
          <CartDesk shopId={shopId} roomId={room.id} />
        </section>
        <section className="card console-chat" aria-label={t('moderation.chatTitle')}>
          <h2>{t('moderation.numbersTitle')}</h2>
          <LiveNumbers slug={room.slug} />
          <h2>{t('consoleSales.title')}</h2>
          <ShowSalesNumbers shopId={shopId} roomId={room.id} slug={room.slug} />
          <h2>{t('moderation.chatTitle')}</h2>
          <ChatDesk slug={room.slug} live={live} />
        </section>
      </div>
      <LiveDashboard shopId={shopId} roomId={room.id} online={live.counts.online} />
      <h2 className="console-setup-title">{t('console.setup')}</h2>
      <div className="console-setup">
        <StreamKeyCard shopId={shopId} roomId={room.id} />
        <ShowsCard shopId={shopId} roomId={room.id} refreshKey={ingestState} />
        <section className="card">
          <h2>{t('moderation.slowTitle')}</h2>
          <SlowModeForm slug={room.slug} live={live} />
          <h2>{t('moderation.wordsTitle')}</h2>
          <BannedWordsForm shopId={shopId} />
        </section>
      </div>
    </div>
  );
}
