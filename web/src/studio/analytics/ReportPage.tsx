import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { Membership } from '../../shell/session.api';
import { ANONYMOUS_SHARER } from '../../../../src/contracts/analytics.schemas';
import { usePages } from '../../api/use-pages';
import { useResource } from '../../api/use-resource';
import { useFormat } from '../../shell/format';
import { ErrorNotice, Loading, MoreButton, Table } from '../../shell/ui';
import { loadCartScreen } from '../cart/studio-cart.api';
import { getReplay, listSharers, reportDocument, seriesCsvUrl } from './analytics.api';
import { ShowReplay } from './ShowReplay';
import { currencyDigits } from './money';
import { ShowCharts } from './ShowCharts';
import { FunnelBars, ShowKpis } from './ShowKpis';
import { useShowNumbers } from './use-show-numbers';
import './analytics.css';

/** Saves the whole report (totals, funnel, minutes, products, windows) as one JSON file. */
async function downloadJson(shopId: string, showId: string): Promise<void> {
  const doc = await reportDocument(shopId, showId);
  const url = URL.createObjectURL(new Blob([JSON.stringify(doc, null, 2)], { type: 'application/json' }));
  const a = Object.assign(document.createElement('a'), { href: url, download: `show-${showId}.json` });
  a.click();
  URL.revokeObjectURL(url);
}

/**
 * /studio/reports/:showId — after the show (or during it, read once): the same series as the console,
 * the top products, top sharers and channels, the replay with its chapters, CSV and JSON export.
 */
export function ReportPage({ membership }: { membership: Membership }) {
  const { t, i18n } = useTranslation();
  const { money, dateTime } = useFormat();
  const shopId = membership.shop.id;
  const { showId = '' } = useParams();
  const { numbers, error } = useShowNumbers(shopId, showId, null);
  const roomId = numbers?.report.show.roomId;
  const [screen] = useResource(async (signal) => (roomId ? loadCartScreen(shopId, roomId, signal) : undefined), [shopId, roomId]);
  const hasReplay = numbers?.report.show.hasReplay ?? false;
  const [replay] = useResource(async (signal) => (roomId && hasReplay ? getReplay(shopId, roomId, showId, signal) : null), [shopId, roomId, showId, hasReplay]);
  const sharers = usePages((after, signal) => listSharers(shopId, showId, after, signal), [shopId, showId]);
  const n = new Intl.NumberFormat(i18n.language);

  if (error !== null && !numbers) return <ErrorNotice error={error} />;
  if (!numbers) return <Loading />;
  const { report, minutes, explains, products } = numbers;
  const cash = (minor: number) => (report.currency ? money(minor, report.currency) : n.format(minor));
  const cart = screen.status === 'ok' ? screen.data : undefined;
  const titleOf = (id: string) => cart?.cart.items.find((i) => i.refId === id)?.title ?? explains.find((e) => e.refId === id)?.title ?? id.slice(0, 8);

  return (
    <div className="stack" data-testid="show-report">
      <header className="page-head">
        <h1>{t('analytics.reportTitle', { title: report.show.title })}</h1>
        <p className="muted">
          {report.show.startedAt && dateTime(report.show.startedAt)}
          {report.show.endedAt && ` – ${dateTime(report.show.endedAt)}`} · <Link to="/studio/reports">{t('analytics.allShows')}</Link>
        </p>
        <div className="report-actions">
          <a className="button-secondary" href={seriesCsvUrl(shopId, showId)} download data-testid="export-csv">{t('analytics.exportCsv')}</a>
          <button type="button" className="button-secondary" onClick={() => void downloadJson(shopId, showId)} data-testid="export-json">{t('analytics.exportJson')}</button>
          {replay.status === 'ok' && replay.data && <a className="button-secondary" href="#replay" data-testid="replay-link">{t('analytics.replay')}</a>}
        </div>
      </header>
      <section className="card dash">
        <ShowKpis totals={report.totals} currency={report.currency} />
        <h2>{t('analytics.funnel')}</h2>
        <FunnelBars funnel={report.funnel} />
        <ShowCharts minutes={minutes} explains={explains} currencyDigits={currencyDigits(report.currency)} />
      </section>
      {replay.status === 'ok' && replay.data && (
        <section className="card" id="replay">
          <h2>{t('analytics.replayTitle')}</h2>
          <ShowReplay hls={replay.data.hls} chapters={replay.data.chapters} />
        </section>
      )}
      <section className="card">
        <h2>{t('analytics.topProducts')}</h2>
        {products.length === 0 ? <p className="muted">{t('analytics.none')}</p> : (
          <Table head={[t('analytics.product'), { text: t('analytics.clicks'), num: true }, { text: t('analytics.orders'), num: true }, { text: t('analytics.units'), num: true }, { text: t('analytics.gmv'), num: true }, { text: t('analytics.paid'), num: true }]}>
            {products.slice(0, 20).map((p) => (
              <tr key={p.productId}>
                <td>{titleOf(p.productId)}</td>
                <td className="num">{n.format(p.clicks)}</td>
                <td className="num">{n.format(p.orders)}</td>
                <td className="num">{n.format(p.units)}</td>
                <td className="num">{cash(p.gmvMinor)}</td>
                <td className="num">{cash(p.paidMinor)}</td>
              </tr>
            ))}
          </Table>
        )}
      </section>
      <section className="card">
        <h2>{t('analytics.explains')}</h2>
        {explains.length === 0 ? <p className="muted">{t('analytics.none')}</p> : (
          <Table head={[t('analytics.product'), t('analytics.window'), { text: t('analytics.orders'), num: true }, { text: t('analytics.gmv'), num: true }]}>
            {explains.map((e) => (
              <tr key={e.id}>
                <td>{e.title}</td>
                <td>{dateTime(e.pinnedAt)}{e.unpinnedAt ? ` – ${dateTime(e.unpinnedAt)}` : ''}</td>
                <td className="num">{n.format(e.orders)}</td>
                <td className="num">{cash(e.gmvMinor)}</td>
              </tr>
            ))}
          </Table>
        )}
      </section>
      <section className="card">
        <h2>{t('analytics.topSharers')}</h2>
        {sharers.list.status === 'ok' && sharers.list.data.length === 0 && <p className="muted">{t('analytics.noShares')}</p>}
        {sharers.list.status === 'ok' && sharers.list.data.length > 0 && (
          <Table head={[t('analytics.sharer'), t('analytics.channel'), { text: t('analytics.kpi.shares'), num: true }]}>
            {sharers.list.data.map((s) => (
              <tr key={`${s.sharer} ${s.channel}`}>
                <td>{s.displayName ?? (s.sharer === ANONYMOUS_SHARER ? t('shares.anonymous') : s.sharer.slice(0, 8))}</td>
                <td>{t(`share.channels.${s.channel}`, { defaultValue: s.channel })}</td>
                <td className="num">{n.format(s.shares)}</td>
              </tr>
            ))}
          </Table>
        )}
        <MoreButton pages={sharers} />
      </section>
    </div>
  );
}
