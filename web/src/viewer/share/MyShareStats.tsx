import { useTranslation } from 'react-i18next';
import { useResource } from '../../api/use-resource';
import { useSession } from '../../shell/session';
import { fetchMyShareStats } from './shares.api';

/** "N friends came through your shares": shown to a logged-in sharer in the share sheet. */
export function MyShareStats() {
  const { t } = useTranslation();
  const { state } = useSession();
  const signedIn = state.status === 'signedIn';
  const [stats] = useResource(
    async (signal) => (signedIn ? fetchMyShareStats(signal) : null),
    [signedIn],
  );
  if (stats.status !== 'ok' || !stats.data || stats.data.shares === 0) return null;
  return (
    <p className="share-stats" data-testid="share-stats">
      {t('share.friends', { count: stats.data.friends })}
      {stats.data.orders > 0 && ` · ${t('share.friendOrders', { count: stats.data.orders })}`}
    </p>
  );
}
