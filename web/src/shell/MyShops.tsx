import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Me, Membership } from './session.api';
import { canUseShopArea } from './access';
import { CreateShopForm } from './CreateShopForm';
import { useSession } from './session';
import './home.css';

/** A signed-in account's shops, with the areas each role may open, and a form to open a shop. */
export function MyShops({ me }: { me: Me }) {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <h1>{t('home.greeting', { name: me.user.displayName })}</h1>
      <section className="card">
        <h2>{t('home.myShops')}</h2>
        {me.memberships.length === 0 ? (
          <p className="muted">{t('home.noShops')}</p>
        ) : (
          <ul className="shop-list">
            {me.memberships.map((m) => (
              <ShopItem key={m.shop.id} membership={m} />
            ))}
          </ul>
        )}
      </section>
      <section className="card">
        <h2>{t('home.createShop')}</h2>
        <CreateShopForm />
      </section>
    </div>
  );
}

/** Opening an area from here also makes the shop the current one, so the area shows that shop. */
function ShopItem({ membership }: { membership: Membership }) {
  const { t } = useTranslation();
  const { selectShop } = useSession();
  const select = () => selectShop(membership.shop.id);
  return (
    <li className="shop-item">
      <div>
        <strong>{membership.shop.name}</strong>
        <span className="muted"> · {membership.shop.slug}</span>
        <span className="badge">{t(`roles.${membership.role}`)}</span>
      </div>
      <div className="actions">
        {canUseShopArea('studio', membership) && (
          <Link to="/studio" onClick={select}>
            {t('nav.studio')}
          </Link>
        )}
        {canUseShopArea('admin', membership) && (
          <Link to="/admin" onClick={select}>
            {t('nav.admin')}
          </Link>
        )}
      </div>
    </li>
  );
}
