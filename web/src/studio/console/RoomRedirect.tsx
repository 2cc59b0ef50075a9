import { Navigate, useParams } from 'react-router-dom';
import { useResource } from '../../api/use-resource';
import { ErrorNotice, Loading } from '../../shell/ui';
import { fetchRoom } from '../../viewer/viewer.api';

/** The pages the console replaced (go live, cart, moderation desk): their links lead to the console. */
export function RoomRedirect() {
  const { roomId, slug = '' } = useParams();
  const [room, reload] = useResource(async (signal) => (roomId ? null : fetchRoom(slug, signal)), [roomId, slug]);
  if (roomId) return <Navigate to={`/studio/rooms/${encodeURIComponent(roomId)}`} replace />;
  if (room.status === 'loading') return <Loading />;
  if (room.status === 'error') return <ErrorNotice error={room.error} onRetry={reload} />;
  return <Navigate to={room.data ? `/studio/rooms/${encodeURIComponent(room.data.id)}` : '/studio'} replace />;
}
