import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { usePages } from '../../api/use-pages';
import { useFormat } from '../../shell/format';
import { ErrorNotice, Loading, MoreButton } from '../../shell/ui';
import { ItemThumb } from '../cart/CartItemView';
import { listMyOrders } from './orders.api';
import { OrderStateTag } from './OrderStateTag';
import { MeTabs } from '../gifts/MeTabs';
import './orders.css';

/** /me — the buyer's own page: every order, newest first, each leading to its page. */
export function MyOrdersPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const pages = usePages(listMyOrders, []);
  return (
    <div className="my-orders">
      <MeTabs />
      <header className="page-head">
        <h1>{t('orders.title')}</h1>
      </header>
      {pages.list.status === 'loading' && <Loading />}
      {pages.list.status === 'error' && <ErrorNotice error={pages.list.error} onRetry={pages.reload} />}
      {pages.list.status === 'ok' && pages.list.data.length === 0 && <p className="muted">{t('orders.empty')}</p>}
      {pages.list.status === 'ok' && (
        <ul className="order-list">
          {pages.list.data.map((o) => {
            const first = o.lines[0];
            return (
              <li key={o.id} className="order-row" data-order-id={o.id}>
                <Link to={`/me/orders/${o.id}`} className="order-row-link">
                  {first && <ItemThumb item={{ title: first.title, imageUrl: first.imageUrl }} />}
                  <span className="order-row-body">
                    <span className="order-row-title">{first?.title}{o.lines.length > 1 && ` +${o.lines.length - 1}`}</span>
                    <span className="muted">{[first?.skuLabel, `×${o.units}`, format.dateTime(o.createdAt)].filter(Boolean).join(' · ')}</span>
                  </span>
                  <span className="order-row-side">
                    <strong>{format.money(o.totalMinor, o.currency)}</strong>
                    <OrderStateTag state={o.state} />
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
      <MoreButton pages={pages} />
    </div>
  );
}
