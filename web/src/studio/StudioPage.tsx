import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Membership } from '../shell/session.api';
import { usePages } from '../api/use-pages';
import { useFormat } from '../shell/format';
import { ErrorNotice, Loading, MoreButton, Table } from '../shell/ui';
import { CreateRoomForm } from './CreateRoomForm';
import { listRooms } from './studio.api';

/** /studio — the host's area for the current shop: its rooms, and (later) going live. */
export function StudioPage({ membership }: { membership: Membership }) {
  const { t } = useTranslation();
  const format = useFormat();
  const shopId = membership.shop.id;
  const pages = usePages((after, signal) => listRooms(shopId, after, signal), [shopId]);
  const { list: rooms, reload } = pages;

  return (
    <div className="stack">
      <header className="page-head">
        <h1>{t('studio.title')}</h1>
        <p className="muted">{t('studio.intro')}</p>
      </header>
      <section className="card">
        <h2>{t('studio.rooms')}</h2>
        {rooms.status === 'loading' && <Loading />}
        {rooms.status === 'error' && <ErrorNotice error={rooms.error} onRetry={reload} />}
        {rooms.status === 'ok' &&
          (rooms.data.length === 0 ? (
            <p className="muted">{t('studio.noRooms')}</p>
          ) : (
            <Table head={[t('studio.roomTitle'), t('studio.roomSlug'), t('common.createdAt'), '']}>
              {rooms.data.map((room) => (
                <tr key={room.id}>
                  <td>{room.title}</td>
                  <td className="mono">{room.slug}</td>
                  <td>{format.dateTime(room.createdAt)}</td>
                  <td>
                    <Link to={`/studio/rooms/${encodeURIComponent(room.id)}`} className="button button-small">{t('console.open')}</Link>{' '}
                    <Link to={`/live/${encodeURIComponent(room.slug)}`}>{t('studio.openViewer')}</Link>
                  </td>
                </tr>
              ))}
            </Table>
          ))}
        <MoreButton pages={pages} />
      </section>
      {membership.role === 'owner' && (
        <section className="card">
          <h2>{t('studio.createRoom')}</h2>
          <CreateRoomForm shopId={shopId} onCreated={reload} />
        </section>
      )}
    </div>
  );
}
