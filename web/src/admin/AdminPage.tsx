import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useOutletContext } from 'react-router-dom';
import type { Membership } from '../shell/session.api';
import './admin.css';

/** /admin — the merchant area for the current shop; each tab is a route so it can be linked. */
export function AdminPage({ membership }: { membership: Membership }) {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <header className="page-head">
        <h1>{t('admin.title')}</h1>
        <p className="muted">{membership.shop.name}</p>
      </header>
      <nav className="tabs" aria-label={t('admin.title')}>
        <NavLink to="/admin" end>
          {t('admin.tabs.products')}
        </NavLink>
        {/* sales */}
        <NavLink to="/admin/orders">{t('adminSales.tabs.orders')}</NavLink>
        <NavLink to="/admin/stock">{t('adminSales.tabs.stock')}</NavLink>
        <NavLink to="/admin/coupons">{t('adminSales.tabs.coupons')}</NavLink>
        <NavLink to="/admin/presales">{t('adminSales.tabs.presales')}</NavLink>
        <NavLink to="/admin/shows">{t('adminSales.tabs.shows')}</NavLink>
        <NavLink to="/admin/listings">{t('listings.tab')}</NavLink>
        <NavLink to="/admin/commission">{t('commission.tab')}</NavLink>
        <NavLink to="/admin/members">{t('admin.tabs.members')}</NavLink>
        <NavLink to="/admin/api-keys">{t('admin.tabs.apiKeys')}</NavLink>
        <NavLink to="/admin/embed">{t('admin.tabs.embed')}</NavLink>
        <NavLink to="/admin/shares">{t('shares.tab')}</NavLink>
        <NavLink to="/admin/webhooks">{t('admin.tabs.webhooks')}</NavLink>
      </nav>
      {/* Keyed by shop so switching shops starts each tab afresh (forms, a shown secret). */}
      <Outlet key={membership.shop.id} context={membership} />
    </div>
  );
}

/** The membership of the shop the tabs work on, passed down by AdminPage. */
export function useAdminShop(): Membership {
  return useOutletContext<Membership>();
}
