import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useResource } from '../../api/use-resource';
import { MyShops } from '../../shell/MyShops';
import { useSession } from '../../shell/session';
import { ErrorNotice } from '../../shell/ui';
import { fetchFollows, fetchShows } from './discover.api';
import { MyFollows } from './MyFollows';
import { ShowShelf } from './ShowShelf';
import './discover.css';

/**
 * The home page: what is live now (the viewer's followed shops first, badged), then upcoming shows
 * with countdowns, then recent replays; a signed-in viewer's follows with LIVE badges, and their
 * shops' areas below.
 */
export function HomePage() {
  const { t } = useTranslation();
  const { state, refresh } = useSession();
  const me = state.status === 'signedIn' ? state.me : null;
  const [follows] = useResource(async (signal) => (me ? (await fetchFollows(signal)).follows : []), [me?.user.id]);
  const followed = useMemo(() => new Set(follows.status === 'ok' ? follows.data.map((f) => f.shop.slug) : []), [follows]);
  const slugs = [...followed];
  const [liveFollowed] = useResource(
    async (signal) => (slugs.length ? (await fetchShows('live', { limit: 100, shops: slugs.slice(0, 50) }, signal)).shows : []),
    [slugs.join(',')],
  );
  const liveShops = new Set(liveFollowed.status === 'ok' ? liveFollowed.data.map((c) => c.shop.slug) : []);

  return (
    <div className="stack home">
      {state.status === 'unreachable' && <ErrorNotice error={state.error} onRetry={() => void refresh()} />}
      {!me && state.status !== 'loading' && (
        <section className="hero">
          <h1>{t('home.welcomeTitle')}</h1>
          <p className="lead">{t('home.welcomeBody')}</p>
          <div className="actions">
            <Link to="/live/demo" className="button">
              {t('home.demoRoom')}
            </Link>
            <Link to="/signup" className="button button-secondary">
              {t('nav.signup')}
            </Link>
          </div>
        </section>
      )}
      {me && <h1>{t('home.greeting', { name: me.user.displayName })}</h1>}
      {follows.status === 'ok' && <MyFollows follows={follows.data} liveShops={liveShops} />}
      <ShowShelf list="live" title={t('discover.liveNow')} empty={t('discover.noLive')} followed={followed} />
      <ShowShelf list="upcoming" title={t('discover.upcoming')} empty={t('discover.noUpcoming')} followed={followed} />
      <ShowShelf list="replays" title={t('discover.replays')} empty={t('discover.noReplays')} />
      {me && <MyShops me={me} />}
    </div>
  );
}
