import { useTranslation } from 'react-i18next';
import type { RoomLive } from '../../realtime';
import { FloatingHearts } from './FloatingHearts';

/** The like button; everyone's likes float up from it as hearts. */
export function LikeButton({ live }: { live: RoomLive }) {
  const { t } = useTranslation();
  return (
    <span className="livechat-like-wrap">
      <button type="button" className="button-round livechat-like" onClick={live.like} aria-label={t('chat.like')}>
        ♥
      </button>
      <FloatingHearts count={live.likeBursts} />
    </span>
  );
}
