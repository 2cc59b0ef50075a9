import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { usePages } from '../../api/use-pages';
import { useResource } from '../../api/use-resource';
import { useFormat } from '../../shell/format';
import { ErrorNotice, Loading, MoreButton, Table } from '../../shell/ui';
import { useAdminShop } from '../AdminPage';
import { knownShows, type Known } from './known-shows';
import { listShowSales } from './sales-admin.api';
import './sales-admin.css';

/** /admin/shows — each show's sales (orders, paid, units, GMV, refunds), newest sales first, beside its audience; each leads to its analytics report. */
export function ShowSalesTab() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const { shop } = useAdminShop();
  const pages = usePages((after, signal) => listShowSales(shop.id, after, signal), [shop.id]);
  const [known] = useResource((signal) => knownShows(shop.id, signal), [shop.id]);
  const fmt = new Intl.NumberFormat(i18n.language);
  const shows = known.status === 'ok' ? known.data : new Map<string, Known>();
  return (
    <section className="stack">
      <p className="muted">{t('adminSales.showsHint')}</p>
      {pages.list.status === 'loading' && <Loading />}
      {pages.list.status === 'error' && <ErrorNotice error={pages.list.error} onRetry={pages.reload} />}
      {pages.list.status === 'ok' && pages.list.data.length === 0 && <p className="muted">{t('adminSales.noShowSales')}</p>}
      {pages.list.status === 'ok' && pages.list.data.length > 0 && (
        <Table
          head={[
            t('adminSales.show'), t('adminSales.audience'),
            { text: t('consoleSales.orders'), num: true }, { text: t('consoleSales.paidOrders'), num: true },
            { text: t('consoleSales.units'), num: true }, { text: t('consoleSales.gmv'), num: true }, { text: t('orders.refunded'), num: true },
          ]}
        >
          {pages.list.data.map((s) => {
            const k = shows.get(s.showId);
            return (
              <tr key={`${s.showId}:${s.currency}`} data-show-id={s.showId}>
                <td>
                  {k ? k.show.title : <span className="muted">{s.showId.slice(0, 8)}</span>}
                  <br />
                  <small className="muted">{k && `${k.room.title} · `}{k?.show.startedAt ? format.dateTime(k.show.startedAt) : format.dateTime(s.lastOrderAt)}</small>
                  <br />
                  {/* Its audience minute by minute, funnel and products: the analytics report of the show. */}
                  <Link to={`/studio/reports/${s.showId}`} className="show-report-link">{t('adminSales.showReport')}</Link>
                </td>
                <td>
                  {k?.audience
                    ? t('adminSales.audienceLine', { views: fmt.format(k.audience.views), unique: fmt.format(k.audience.unique), pcu: fmt.format(k.audience.pcu) })
                    : <span className="muted">{k?.show.state === 'live' ? '…' : t('adminSales.audienceAfter')}</span>}
                </td>
                <td className="num">{fmt.format(s.orders)}</td>
                <td className="num">{fmt.format(s.paidOrders)}</td>
                <td className="num">{fmt.format(s.units)}</td>
                <td className="num">{format.money(s.gmvMinor, s.currency)}</td>
                <td className="num">{format.money(s.refundedMinor, s.currency)}</td>
              </tr>
            );
          })}
        </Table>
      )}
      <MoreButton pages={pages} />
    </section>
  );
}
