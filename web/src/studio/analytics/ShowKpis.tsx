import { useTranslation } from 'react-i18next';
import type { Funnel, ShowTotals } from '../../../../src/contracts/analytics.schemas';
import { useFormat } from '../../shell/format';

/** The headline numbers: audience (online now from the socket when live), engagement, sales. */
export function ShowKpis({ totals, currency, online }: { totals: ShowTotals; currency: string | null; online?: number }) {
  const { t, i18n } = useTranslation();
  const { money } = useFormat();
  const n = new Intl.NumberFormat(i18n.language);
  const cash = (minor: number) => (currency ? money(minor, currency) : n.format(minor));
  const minutes = (s: number) => t('analytics.watchTime', { minutes: Math.floor(s / 60), seconds: String(Math.round(s % 60)).padStart(2, '0') });
  type Key = 'online' | 'pcu' | 'views' | 'unique' | 'avgWatch' | 'likes' | 'chat' | 'follows' | 'shares' | 'orders' | 'units' | 'gmv' | 'gpm' | 'paid';
  const tiles: [Key, string][] = [
    ...(online === undefined ? [] : ([['online', n.format(online)]] as [Key, string][])),
    ['pcu', n.format(totals.pcu)],
    ['views', n.format(totals.views)],
    ['unique', n.format(totals.unique)],
    ['avgWatch', minutes(totals.avgWatchSeconds)],
    ['likes', n.format(totals.likes)],
    ['chat', n.format(totals.chat)],
    ['follows', n.format(totals.follows)],
    ['shares', n.format(totals.shares)],
    ['orders', n.format(totals.orders)],
    ['units', n.format(totals.units)],
    ['gmv', cash(totals.gmvMinor)],
    ['gpm', cash(totals.gpmMinor)],
    ['paid', cash(totals.paidMinor)],
  ];
  return (
    <dl className="dash-kpis">
      {tiles.map(([key, value]) => (
        <div key={key} className="dash-kpi" data-testid={`kpi-${key}`}>
          <dt>{t(`analytics.kpi.${key}`)}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** views → cart opens → product clicks → orders → paid, each with its share of the step before. */
export function FunnelBars({ funnel }: { funnel: Funnel }) {
  const { t, i18n } = useTranslation();
  const n = new Intl.NumberFormat(i18n.language);
  const pct = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 });
  const steps: (keyof Funnel)[] = ['views', 'cartOpens', 'productClicks', 'orders', 'paid'];
  const top = Math.max(1, funnel.views);
  return (
    <ol className="dash-funnel" aria-label={t('analytics.funnel')}>
      {steps.map((step, i) => {
        const before = i === 0 ? undefined : funnel[steps[i - 1]!];
        return (
          <li key={step} data-testid={`funnel-${step}`}>
            <span className="dash-funnel-label">{t(`analytics.step.${step}`)}</span>
            <span className="dash-funnel-bar" style={{ width: `${Math.max(2, (funnel[step] / top) * 100)}%` }} />
            <span className="dash-funnel-value">
              {n.format(funnel[step])}
              {before !== undefined && before > 0 && <small> · {pct.format(funnel[step] / before)}</small>}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
