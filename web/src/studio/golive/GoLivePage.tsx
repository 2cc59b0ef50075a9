import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { Membership } from '../../../../src/contracts/identity.schemas';
import { useResource } from '../../api/use-resource';
import { ErrorNotice, Loading, Message } from '../../shell/ui';
import { listRooms } from '../studio.api';
import { RoomPlayer } from '../../viewer/player/RoomPlayer';
import { IngestStatusCard } from './IngestStatusCard';
import { ShowsCard } from './ShowsCard';
import { StreamKeyCard } from './StreamKeyCard';

/** /studio/rooms/:roomId/live — everything a host needs to go live in one room. */
export function GoLivePage({ membership }: { membership: Membership }) {
  const { t } = useTranslation();
  const { roomId = '' } = useParams();
  const shopId = membership.shop.id;
  const [rooms, reload] = useResource((signal) => listRooms(shopId, signal), [shopId]);
  const [ingestState, setIngestState] = useState('offline');

  if (rooms.status === 'loading') return <Loading />;
  if (rooms.status === 'error') return <ErrorNotice error={rooms.error} onRetry={reload} />;
  const room = rooms.data.find((r) => r.id === roomId);
  if (!room) return <Message title={t('viewer.notFoundTitle')}><Link to="/studio">{t('golive.back')}</Link></Message>;

  return (
    <div className="stack golive">
      <header className="page-head">
        <h1>{t('golive.title', { room: room.title })}</h1>
        <Link to="/studio">{t('golive.back')}</Link>
      </header>
      <div className="golive-grid">
        <div className="stack">
          <IngestStatusCard shopId={shopId} roomId={room.id} onState={setIngestState} />
          <StreamKeyCard shopId={shopId} roomId={room.id} />
        </div>
        <section className="card golive-preview">
          <h2>{t('golive.preview')}</h2>
          <div className="golive-preview-frame">
            <RoomPlayer slug={room.slug} />
          </div>
        </section>
      </div>
      <ShowsCard shopId={shopId} roomId={room.id} refreshKey={ingestState} />
    </div>
  );
}
