import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { useResource } from '../../api/use-resource';
import { useErrorText } from '../../i18n/errors';
import { useSession } from '../../shell/session';
import { fetchShopPage, followShop, unfollowShop } from '../discover/discover.api';
import { reportToRoom } from './beacon';

/**
 * Follow / following a shop. A visitor who is not logged in goes to log in and comes back here.
 * The shop's page says whether this account follows it already.
 */
/** `roomSlug`: the button is in a live room, whose show is told of a follow. */
export function FollowButton({ shopSlug, roomSlug, className = '' }: { shopSlug: string; roomSlug?: string; className?: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { state } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const signedIn = state.status === 'signedIn';
  const [page] = useResource((signal) => fetchShopPage(shopSlug, signal), [shopSlug, signedIn]);
  const [following, setFollowing] = useState<boolean | undefined>(undefined);
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  const now = following ?? (page.status === 'ok' && page.data.following);

  async function toggle() {
    if (!signedIn) {
      navigate(`/login?next=${encodeURIComponent(location.pathname + location.search)}`);
      return;
    }
    setPending(true);
    setError(undefined);
    try {
      if (now) await unfollowShop(shopSlug);
      else {
        await followShop(shopSlug);
        // Followed from a live room: a follow the room's show won (docs/metrics.md).
        if (roomSlug) reportToRoom(roomSlug, { type: 'shop.followed' });
      }
      setFollowing(!now);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      <button type="button" className={`follow-button ${className}`} aria-pressed={now} disabled={pending} onClick={() => void toggle()}>
        {now ? t('follow.following') : t('follow.follow')}
      </button>
      {error && (
        <span className="follow-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
