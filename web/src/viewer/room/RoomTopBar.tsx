import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { PlayerMode } from '../player/RoomPlayer';
import { LanguageSwitch } from '../../shell/LanguageSwitch';
import { useSession } from '../../shell/session';
import { FollowButton } from './FollowButton';
import { PasteBox } from '../share/PasteBox';

interface TopBarProps {
  title: string;
  slug: string;
  shop: { slug: string; name: string };
  mode: PlayerMode;
  online: number;
  /** The menu holds the paste box (phones: the desktop has one in its chat column). */
  pasteBox: boolean;
}

/**
 * Over the top of the video: back, the shop's badge with its follow button and the room's title,
 * LIVE (or replay) and the audience count, and a menu (home, language, account, and on a phone the
 * box that opens a pasted token or link) that stands in for the site header the phone's
 * full-screen room does without.
 */
export function RoomTopBar({ title, slug, shop, mode, online, pasteBox }: TopBarProps) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [menu, setMenu] = useState(false);
  const count = new Intl.NumberFormat(i18n.language, { notation: online >= 10_000 ? 'compact' : 'standard' }).format(online);
  return (
    <header className="room-top">
      <button type="button" className="room-round-button room-back" aria-label={t('room.back')} onClick={() => (history.length > 1 ? navigate(-1) : navigate('/'))}>
        ‹
      </button>
      <div className="room-shop">
        <Link to={`/shop/${encodeURIComponent(shop.slug)}`} className="room-shop-avatar" aria-hidden="true" tabIndex={-1}>
          {Array.from(shop.name)[0]}
        </Link>
        <div className="room-shop-text">
          <Link to={`/shop/${encodeURIComponent(shop.slug)}`} className="room-shop-name">
            {shop.name}
          </Link>
          <h1 className="room-title">{title}</h1>
        </div>
        <FollowButton shopSlug={shop.slug} roomSlug={mode === 'live' ? slug : undefined} />
      </div>
      <div className="room-status">
        <span className="room-audience" aria-label={t('chat.online', { n: count })}>
          {mode === 'live' && <span className="room-badge room-badge-live">{t('player.live')}</span>}
          {mode === 'replay' && <span className="room-badge">{t('player.replay')}</span>}
          <svg viewBox="0 0 24 24" width="14" height="14" aria-hidden="true">
            <circle cx="12" cy="8" r="4" fill="currentColor" />
            <path d="M4 21c0-4.4 3.6-7 8-7s8 2.6 8 7z" fill="currentColor" />
          </svg>
          <span data-testid="online">{count}</span>
        </span>
        <button type="button" className="room-round-button" aria-expanded={menu} aria-label={t('room.menu')} onClick={() => setMenu((m) => !m)}>
          ⋯
        </button>
      </div>
      {menu && <RoomMenu pasteBox={pasteBox} onClose={() => setMenu(false)} />}
    </header>
  );
}

function RoomMenu({ pasteBox, onClose }: { pasteBox: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { state, logout } = useSession();
  return (
    <nav className="room-menu" aria-label={t('room.menu')}>
      <Link to="/" onClick={onClose}>
        {t('nav.home')}
      </Link>
      <LanguageSwitch />
      {state.status === 'signedIn' ? (
        <button type="button" className="button-link" onClick={() => void logout().then(onClose)}>
          {t('nav.logout')}
        </button>
      ) : (
        <Link to={`/login?next=${encodeURIComponent(location.pathname)}`}>{t('nav.login')}</Link>
      )}
      {pasteBox && <PasteBox inRoom />}
    </nav>
  );
}
