import { useState } from 'react';
import { useRoomEvents } from '../../realtime';
import { RoomPlayer } from './RoomPlayer';

/**
 * The room page's player: like RoomPlayer, but it also listens on the room's socket, so a show
 * going live or ending switches the video at once instead of at the next poll.
 */
export function LiveRoomPlayer({ slug }: { slug: string }) {
  const [refreshKey, setRefreshKey] = useState(0);
  useRoomEvents(slug, (event) => {
    if (event.type === 'show.state') setRefreshKey((n) => n + 1);
  });
  return <RoomPlayer slug={slug} refreshKey={refreshKey} />;
}
