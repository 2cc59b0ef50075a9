import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ShowCard } from './discover.api';
import { useFormat } from '../../shell/format';
import { Countdown } from '../player/Countdown';

/**
 * A show on the home page or a shop page: its cover (or the shop's initial on the brand colour),
 * LIVE and its views, or the time it starts, or when it was on; the title and the shop.
 */
export function ShowCardView({ card, followed = false }: { card: ShowCard; followed?: boolean }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const { show, room, shop } = card;
  const views = card.views !== null ? new Intl.NumberFormat(i18n.language, { notation: card.views >= 10_000 ? 'compact' : 'standard' }).format(card.views) : null;
  return (
    <li className="showcard" data-state={show.state} data-room={room.slug}>
      <Link to={`/live/${encodeURIComponent(room.slug)}`} className="showcard-link">
        <span className="showcard-cover">
          {show.coverUrl ? <img src={show.coverUrl} alt="" loading="lazy" /> : <span className="showcard-initial" aria-hidden="true">{Array.from(shop.name)[0]}</span>}
          <span className="showcard-tags">
            {show.state === 'live' && <span className="showcard-live">{t('player.live')}</span>}
            {followed && <span className="showcard-followed">{t('follow.following')}</span>}
          </span>
          {views !== null && <span className="showcard-views">{t('discover.views', { n: views })}</span>}
        </span>
        <span className="showcard-title">{show.title}</span>
      </Link>
      <span className="showcard-meta">
        <Link to={`/shop/${encodeURIComponent(shop.slug)}`}>{shop.name}</Link>
        {show.state === 'scheduled' && show.scheduledAt && (
          <span className="showcard-when">
            {format.dateTime(show.scheduledAt)} · <Countdown at={show.scheduledAt} inline />
          </span>
        )}
        {show.state === 'ended' && show.endedAt && <span className="showcard-when">{format.dateTime(show.endedAt)}</span>}
      </span>
    </li>
  );
}
