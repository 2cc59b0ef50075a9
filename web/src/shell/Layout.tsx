import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useMatch } from 'react-router-dom';
import { Header } from './Header';
import { Loading } from './ui';
import './shell.css';

/**
 * Every page: the header, then the page. A live room is immersive: on a phone it has the whole
 * screen (its top bar stands in for the header); on a desktop the header stays.
 */
export function Layout() {
  const { t } = useTranslation();
  const room = useMatch('/live/:slug');
  return (
    <div className={room ? 'app app-immersive' : 'app'}>
      <a href="#main" className="skip-link">
        {t('shell.skipToContent')}
      </a>
      <Header />
      <main id="main" className="main">
        {/* The studio, admin and ops areas load on first visit (routes.tsx). */}
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
