import { useTranslation } from 'react-i18next';
import type { Membership } from './session.api';
import { useSession } from './session';

/** The shop the studio and admin areas work on; the choice is remembered (session.tsx). */
export function ShopSwitcher({ memberships }: { memberships: readonly Membership[] }) {
  const { t } = useTranslation();
  const { current, selectShop } = useSession();
  if (memberships.length === 0 || current === null) return null;
  return (
    <select
      name="shop"
      className="compact-select shop-switcher"
      aria-label={t('shell.currentShop')}
      value={current.shop.id}
      onChange={(e) => selectShop(e.target.value)}
    >
      {memberships.map((m) => (
        <option key={m.shop.id} value={m.shop.id}>
          {m.shop.name}
        </option>
      ))}
    </select>
  );
}
