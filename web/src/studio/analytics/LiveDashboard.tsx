import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useResource } from '../../api/use-resource';
import { ErrorNotice, Loading } from '../../shell/ui';
import { listShows, type Show } from '../golive/golive.api';
import { FunnelBars, ShowKpis } from './ShowKpis';
import { ShowCharts } from './ShowCharts';
import { useShowNumbers } from './use-show-numbers';
import { currencyDigits } from './money';
import './analytics.css';

/** Reads the series again this often while the console is open: a minute's figures move within it. */
const REFRESH_MS = 5_000;

/** The live show of the room, else its latest that started. */
const pickShow = (shows: Show[]): Show | undefined =>
  shows.find((s) => s.state === 'live') ??
  shows.filter((s) => s.startedAt).sort((a, b) => (b.startedAt ?? '').localeCompare(a.startedAt ?? ''))[0];

/**
 * The console's dashboard (docs/metrics.md): headline numbers, the funnel and the per-minute charts of
 * the room's live show, history from the API every 5 s and online from the room socket at once.
 */
export function LiveDashboard({ shopId, roomId, online }: { shopId: string; roomId: string; online: number }) {
  const { t } = useTranslation();
  const [shows] = useResource(async (signal) => pickShow((await listShows(shopId, roomId, undefined, signal)).items), [shopId, roomId]);
  const show = shows.status === 'ok' ? shows.data : undefined;
  const { numbers, error } = useShowNumbers(shopId, show?.id, REFRESH_MS);
  const live = show?.state === 'live';

  return (
    <section className="card dash" aria-label={t('analytics.dashboard')} data-testid="live-dashboard">
      <header className="dash-head">
        <h2>{t('analytics.dashboard')}</h2>
        {show && (
          <p className="muted">
            {live ? <span className="dash-live">{t('analytics.liveNow')}</span> : t('analytics.lastShow')} · {show.title} ·{' '}
            <Link to={`/studio/reports/${show.id}`}>{t('analytics.report')}</Link>
          </p>
        )}
      </header>
      {shows.status === 'loading' && <Loading />}
      {shows.status === 'error' && <ErrorNotice error={shows.error} />}
      {shows.status === 'ok' && !show && <p className="muted">{t('analytics.noShow')}</p>}
      {error !== null && !numbers && <ErrorNotice error={error} />}
      {numbers && (
        <>
          <ShowKpis totals={numbers.report.totals} currency={numbers.report.currency} online={live ? online : undefined} />
          <FunnelBars funnel={numbers.report.funnel} />
          <ShowCharts
            minutes={numbers.minutes}
            explains={numbers.explains}
            live={live ? { online, at: Date.now() } : undefined}
            currencyDigits={currencyDigits(numbers.report.currency)}
          />
        </>
      )}
    </section>
  );
}
