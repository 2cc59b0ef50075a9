import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { useResource } from '../../api/use-resource';
import { ErrorNotice, Loading, Message } from '../../shell/ui';
import { FollowButton } from '../room/FollowButton';
import { fetchShopPage, fetchShopRooms } from './discover.api';
import { ShowShelf } from './ShowShelf';
import './discover.css';

/** /shop/:slug — a shop's page: its follow button, what it has live, its rooms, upcoming shows and replays. */
export function ShopPage() {
  const { t, i18n } = useTranslation();
  const { slug = '' } = useParams();
  const [page, reload] = useResource((signal) => fetchShopPage(slug, signal), [slug]);
  const [rooms] = useResource((signal) => fetchShopRooms(slug, signal), [slug]);

  if (page.status === 'loading') return <Loading />;
  if (page.status === 'error') {
    if (page.error instanceof ApiError && page.error.code === 'IDENTITY_SHOP_NOT_FOUND') {
      return (
        <Message title={t('discover.shopNotFound')}>
          <Link to="/">{t('shell.backHome')}</Link>
        </Message>
      );
    }
    return <ErrorNotice error={page.error} onRetry={reload} />;
  }
  const { shop, followers } = page.data;
  const shops = [shop.slug];
  return (
    <div className="stack shop-page">
      <header className="shop-head">
        <span className="shop-avatar" aria-hidden="true">
          {Array.from(shop.name)[0]}
        </span>
        <div className="shop-head-text">
          <h1>{shop.name}</h1>
          <p className="muted">{t('discover.followers', { n: new Intl.NumberFormat(i18n.language).format(followers) })}</p>
        </div>
        <FollowButton shopSlug={shop.slug} />
      </header>
      <ShowShelf list="live" title={t('discover.liveNow')} empty={t('discover.shopNoLive')} shops={shops} />
      <section className="shelf" aria-label={t('discover.rooms')}>
        <h2>{t('discover.rooms')}</h2>
        {rooms.status === 'ok' && (
          <ul className="shop-rooms">
            {rooms.data.rooms.map((r) => (
              <li key={r.slug}>
                <Link to={`/live/${encodeURIComponent(r.slug)}`}>{r.title}</Link>
                {r.live && <span className="showcard-live">{t('player.live')}</span>}
              </li>
            ))}
          </ul>
        )}
      </section>
      <ShowShelf list="upcoming" title={t('discover.upcoming')} empty={t('discover.noUpcoming')} shops={shops} />
      <ShowShelf list="replays" title={t('discover.replays')} empty={t('discover.noReplays')} shops={shops} />
    </div>
  );
}
