import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../shell/format';
import { ErrorNotice, Table } from '../shell/ui';
import { getBusyRooms, getOverview, type BusyRoom, type Overview } from './ops.api';


/** Read again this often: the operator watches it like a wall display. */
const REFRESH_MS = 10_000;

/** The operator's overview across shops: live now, today's views, orders and GMV, the busiest rooms. */
export function AnalyticsOverview() {
  const { t, i18n } = useTranslation();
  const { money } = useFormat();
  const [state, setState] = useState<{ overview: Overview; rooms: BusyRoom[] }>();
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const abort = new AbortController();
    const load = () =>
      Promise.all([
        getOverview(abort.signal),
        getBusyRooms(abort.signal),
      ]).then(
        ([overview, rooms]) => setState({ overview, rooms }),
        (err: unknown) => abort.signal.aborted || setError(err),
      );
    void load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      abort.abort();
      clearInterval(timer);
    };
  }, []);
  const n = new Intl.NumberFormat(i18n.language);
  const gmv = state ? Object.entries(state.overview.gmvMinor).map(([currency, minor]) => money(minor, currency)).join(' · ') || '0' : '–';
  return (
    <section className="card" data-testid="ops-analytics">
      <h2>{t('analytics.ops.title')}</h2>
      {error !== null && !state && <ErrorNotice error={error} />}
      <dl className="ops-kpis">
        {([['liveNow', state?.overview.liveNow], ['onlineNow', state?.overview.onlineNow], ['views', state?.overview.views], ['orders', state?.overview.orders]] as const).map(([key, value]) => (
          <div key={key} className="ops-kpi">
            <dt>{t(`analytics.ops.${key}`)}</dt>
            <dd>{value === undefined ? '–' : n.format(value)}</dd>
          </div>
        ))}
        <div className="ops-kpi">
          <dt>{t('analytics.ops.gmv')}</dt>
          <dd>{gmv}</dd>
        </div>
      </dl>
      <h3>{t('analytics.ops.busiest')}</h3>
      {state && state.rooms.length === 0 && <p className="muted">{t('analytics.ops.noneLive')}</p>}
      {state && state.rooms.length > 0 && (
        <Table head={[t('analytics.ops.room'), { text: t('analytics.kpi.online'), num: true }, { text: t('analytics.kpi.views'), num: true }, { text: t('analytics.kpi.orders'), num: true }, { text: t('analytics.kpi.gmv'), num: true }]}>
          {state.rooms.map((r) => (
            <tr key={r.showId}>
              <td>{r.roomSlug ? <a href={`/live/${r.roomSlug}`}>{r.roomSlug}</a> : r.roomId.slice(0, 8)}</td>
              <td className="num">{n.format(r.online)}</td>
              <td className="num">{n.format(r.views)}</td>
              <td className="num">{n.format(r.orders)}</td>
              <td className="num">{r.currency ? money(r.gmvMinor, r.currency) : n.format(r.gmvMinor)}</td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}
