import { useTranslation } from 'react-i18next';
import { myShareStatsAnswer } from '../../../../src/contracts/shares.schemas';
import { api } from '../../api/client';
import { useResource } from '../../api/use-resource';
import { useSession } from '../../shell/session';

/** "N friends came through your shares": shown to a logged-in sharer in the share sheet. */
export function MyShareStats() {
  const { t } = useTranslation();
  const { state } = useSession();
  const signedIn = state.status === 'signedIn';
  const [stats] = useResource(
    async (signal) => (signedIn ? api.get('/api/v1/me/shares/stats', myShareStatsAnswer, signal) : null),
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
