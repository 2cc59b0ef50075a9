import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router-dom';

/** The buyer's own pages: orders, coupons, gifts. */
export function MeTabs() {
  const { t } = useTranslation();
  return (
    <nav className="me-tabs" aria-label={t('gifts.meNav')}>
      <NavLink to="/me" end>{t('nav.myOrders')}</NavLink>
      <NavLink to="/me/coupons">{t('gifts.myCoupons')}</NavLink>
      <NavLink to="/me/gifts">{t('gifts.mine')}</NavLink>
    </nav>
  );
}
