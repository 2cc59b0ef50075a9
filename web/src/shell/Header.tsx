import { useTranslation } from 'react-i18next';
import { Link, NavLink, useLocation, useNavigate } from 'react-router-dom';
import { canUseOps, canUseShopArea } from './access';
import { LanguageSwitch } from './LanguageSwitch';
import { useSession } from './session';
import { ShopSwitcher } from './ShopSwitcher';
import { useSubmit } from './forms';
import { useErrorText } from '../i18n/errors';
import './header.css';

export function Header() {
  const { t } = useTranslation();
  const { state, current } = useSession();
  const signedIn = state.status === 'signedIn' ? state.me : null;

  return (
    <header className="site-header">
      <div className="header-row">
        <Link to="/" className="brand" aria-label={t('app.name')}>
          <span className="brand-mark">{t('app.brandMark')}</span>
          <span className="brand-name">{t('app.name')}</span>
        </Link>
        <nav className="area-nav" aria-label={t('shell.areas')}>
          {canUseShopArea('studio', current) && <NavLink to="/studio">{t('nav.studio')}</NavLink>}
          {canUseShopArea('admin', current) && <NavLink to="/admin">{t('nav.admin')}</NavLink>}
          {signedIn && canUseOps(signedIn) && <NavLink to="/ops">{t('nav.ops')}</NavLink>}
          {/* A buyer's own area; members of a shop reach it from their name (the row is full on a phone). */}
          {signedIn && current === null && <NavLink to="/me">{t('nav.myOrders')}</NavLink>}
        </nav>
        {signedIn && (
          <div className="header-shop">
            <ShopSwitcher memberships={signedIn.memberships} />
          </div>
        )}
        <div className="header-tools">
          <LanguageSwitch />
          {signedIn ? <UserMenu name={signedIn.user.displayName} /> : state.status !== 'loading' && <AuthLinks />}
        </div>
      </div>
    </header>
  );
}

function UserMenu({ name }: { name: string }) {
  const { t } = useTranslation();
  const { logout } = useSession();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const { pending, error, run } = useSubmit();
  return (
    <div className="user-menu">
      <Link to="/me" className="user-name" title={t('nav.myOrders')}>
        {name}
      </Link>
      <button
        type="button"
        className="button-link"
        disabled={pending}
        onClick={() => void run(async () => {
          await logout();
          navigate('/');
        })}
      >
        {t('nav.logout')}
      </button>
      {error !== null && <span role="alert" className="field-invalid">{errorText(error)}</span>}
    </div>
  );
}

/** Login and signup, coming back to this page afterwards. */
function AuthLinks() {
  const { t } = useTranslation();
  const location = useLocation();
  const onAuthPage = location.pathname === '/login' || location.pathname === '/signup';
  const next = onAuthPage ? location.search : `?next=${encodeURIComponent(location.pathname + location.search)}`;
  return (
    <div className="user-menu">
      <Link to={`/login${next}`}>{t('nav.login')}</Link>
      <Link to={`/signup${next}`} className="button button-small">
        {t('nav.signup')}
      </Link>
    </div>
  );
}
