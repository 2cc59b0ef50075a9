import { useTranslation } from 'react-i18next';
import type { RoomCounts } from '../../../../src/contracts/realtime.schemas';

/** The desktop's audience line above the chat: online, views, likes (docs/audience.md). */
export function RoomNumbers({ counts }: { counts: RoomCounts }) {
  const { t, i18n } = useTranslation();
  const fmt = (n: number) => new Intl.NumberFormat(i18n.language, { notation: n >= 10_000 ? 'compact' : 'standard' }).format(n);
  return (
    <p className="room-numbers" aria-live="off">
      <span data-testid="online-column">{t('chat.online', { n: fmt(counts.online) })}</span>
      <span data-testid="views">{t('chat.views', { n: fmt(counts.views) })}</span>
      <span data-testid="likes">{t('chat.likes', { n: fmt(counts.likes) })}</span>
    </p>
  );
}
