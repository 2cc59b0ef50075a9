import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Follow } from './discover.api';

/** "My follows": each followed shop, with a LIVE badge while one of its rooms is live. */
export function MyFollows({ follows, liveShops }: { follows: Follow[]; liveShops: ReadonlySet<string> }) {
  const { t } = useTranslation();
  if (follows.length === 0) return null;
  return (
    <section className="shelf" aria-label={t('discover.myFollows')}>
      <h2>{t('discover.myFollows')}</h2>
      <ul className="follows">
        {follows.map((f) => (
          <li key={f.shop.slug} data-shop={f.shop.slug}>
            <Link to={`/shop/${encodeURIComponent(f.shop.slug)}`} className="follows-shop">
              <span className="follows-avatar" aria-hidden="true">
                {Array.from(f.shop.name)[0]}
              </span>
              <span className="follows-name">{f.shop.name}</span>
              {liveShops.has(f.shop.slug) && <span className="showcard-live follows-live">{t('player.live')}</span>}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
