import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Membership } from '../../shell/session.api';
import { usePages } from '../../api/use-pages';
import { useFormat } from '../../shell/format';
import { ErrorNotice, Loading, MoreButton, Table } from '../../shell/ui';
import { listShowSummaries } from './analytics.api';
import './analytics.css';

/** /studio/reports — the shop's shows side by side, newest first, each leading to its report. */
export function ShowsReportPage({ membership }: { membership: Membership }) {
  const { t, i18n } = useTranslation();
  const { money, dateTime } = useFormat();
  const shopId = membership.shop.id;
  const pages = usePages((after, signal) => listShowSummaries(shopId, after, signal), [shopId]);
  const n = new Intl.NumberFormat(i18n.language);
  const { list } = pages;
  return (
    <div className="stack">
      <header className="page-head">
        <h1>{t('analytics.showsTitle')}</h1>
        <p className="muted"><Link to="/studio">{t('console.back')}</Link></p>
      </header>
      <section className="card" data-testid="shows-compared">
        {list.status === 'loading' && <Loading />}
        {list.status === 'error' && <ErrorNotice error={list.error} onRetry={pages.reload} />}
        {list.status === 'ok' && list.data.length === 0 && <p className="muted">{t('analytics.noShow')}</p>}
        {list.status === 'ok' && list.data.length > 0 && (
          <Table
            head={[t('analytics.started'), { text: t('analytics.kpi.pcu'), num: true }, { text: t('analytics.kpi.views'), num: true }, { text: t('analytics.kpi.unique'), num: true },
              { text: t('analytics.kpi.avgWatch'), num: true }, { text: t('analytics.kpi.orders'), num: true }, { text: t('analytics.kpi.gmv'), num: true }, { text: t('analytics.kpi.gpm'), num: true }]}
          >
            {list.data.map((s) => {
              const cash = (minor: number) => (s.currency ? money(minor, s.currency) : n.format(minor));
              return (
                <tr key={s.showId}>
                  <td><Link to={`/studio/reports/${s.showId}`}>{dateTime(s.firstAt)}</Link></td>
                  <td className="num">{n.format(s.pcu)}</td>
                  <td className="num">{n.format(s.views)}</td>
                  <td className="num">{n.format(s.unique)}</td>
                  <td className="num">{t('analytics.watchTime', { minutes: Math.floor(s.avgWatchSeconds / 60), seconds: String(Math.round(s.avgWatchSeconds % 60)).padStart(2, '0') })}</td>
                  <td className="num">{n.format(s.orders)}</td>
                  <td className="num">{cash(s.gmvMinor)}</td>
                  <td className="num">{cash(s.gpmMinor)}</td>
                </tr>
              );
            })}
          </Table>
        )}
        <MoreButton pages={pages} />
      </section>
    </div>
  );
}
