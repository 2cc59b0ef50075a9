import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router-dom';
import { Header } from './Header';
import { Loading } from './ui';

/** Every page: the header, then the page. */
export function Layout() {
  const { t } = useTranslation();
  return (
    <div className="app">
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
