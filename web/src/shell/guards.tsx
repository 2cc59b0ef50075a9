import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router-dom';
import type { Me, Membership } from './session.api';
import { canUseOps, canUseShopArea, type ShopArea } from './access';
import { useSession } from './session';
import { ErrorNotice, Loading, Message } from './ui';

/** Renders `children(me)` for a logged-in user; sends anyone else to /login and back here after. */
function RequireLogin({ children }: { children: (me: Me) => ReactNode }) {
  const { state, refresh } = useSession();
  const location = useLocation();
  switch (state.status) {
    case 'loading':
      return <Loading />;
    case 'unreachable':
      return <ErrorNotice error={state.error} onRetry={() => void refresh()} />;
    case 'anonymous':
      return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
    case 'signedIn':
      return children(state.me);
  }
}

/** A shop area: only for a role of the current shop that may use it (see access.ts). */
export function RequireShopRole({ area, render }: { area: ShopArea; render: (membership: Membership) => ReactNode }) {
  const { t } = useTranslation();
  const { current } = useSession();
  return (
    <RequireLogin>
      {() => {
        if (current === null) {
          return (
            <Message title={t('shell.noAccessTitle')}>
              <p>{t('shell.noShop')}</p>
              <Link to="/">{t('nav.home')}</Link>
            </Message>
          );
        }
        if (!canUseShopArea(area, current)) {
          return (
            <Message title={t('shell.noAccessTitle')}>
              <p>{t(area === 'studio' ? 'shell.noAccessStudio' : 'shell.noAccessAdmin', { shop: current.shop.name })}</p>
            </Message>
          );
        }
        return render(current);
      }}
    </RequireLogin>
  );
}

/** A page of one's own (orders): any logged-in user. */
export function RequireSignedIn({ children }: { children: ReactNode }) {
  return <RequireLogin>{() => children}</RequireLogin>;
}

export function RequireOperator({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <RequireLogin>
      {(me) =>
        canUseOps(me) ? children : <Message title={t('shell.noAccessTitle')}><p>{t('shell.noAccessOps')}</p></Message>
      }
    </RequireLogin>
  );
}
