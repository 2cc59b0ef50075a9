import { useTranslation } from 'react-i18next';
import type { ExplainWindow, ShowMinute } from './analytics.api';
import { TimeChart, type ChartBand } from './TimeChart';

const MINUTE = 60;
const secondsOf = (iso: string) => Math.floor(new Date(iso).getTime() / 1000);

/** The live point: online now from the room socket, placed in the current minute. */
export interface LivePoint {
  online: number;
  at: number;
}

/**
 * The show's series as three charts — audience, engagement, sales — with each explained product's
 * window shaded. The current minute's online follows the room socket between two API reads.
 */
export function ShowCharts({ minutes, explains, live, currencyDigits }: { minutes: ShowMinute[]; explains: ExplainWindow[]; live?: LivePoint; currencyDigits: number }) {
  const { t } = useTranslation();
  const x = minutes.map((m) => secondsOf(m.minute));
  const pick = (f: (m: ShowMinute) => number) => minutes.map(f) as (number | null)[];
  const online = pick((m) => m.online);
  const entering = pick((m) => m.entering);
  if (live) {
    const nowMinute = Math.floor(live.at / 1000 / MINUTE) * MINUTE;
    if (x.length > 0 && x.at(-1) === nowMinute) online[online.length - 1] = live.online;
    else if (x.length === 0 || x.at(-1)! < nowMinute) {
      x.push(nowMinute);
      online.push(live.online);
      entering.push(null);
    }
  }
  const pad = (values: (number | null)[]) => (values.length < x.length ? [...values, ...Array<null>(x.length - values.length).fill(null)] : values);
  const money = 10 ** currencyDigits;
  const end = (x.at(-1) ?? 0) + MINUTE;
  const bands: ChartBand[] = explains.map((e) => ({ from: secondsOf(e.pinnedAt), to: e.unpinnedAt ? secondsOf(e.unpinnedAt) : end, label: e.title }));

  return (
    <div className="dash-charts" data-testid="dash-charts">
      <TimeChart
        title={t('analytics.chart.audience')}
        x={x}
        bands={bands}
        series={[
          { label: t('analytics.online'), values: online, colour: '--chart-1' },
          { label: t('analytics.entering'), values: entering, colour: '--chart-2', right: true, bars: true },
        ]}
      />
      <TimeChart
        title={t('analytics.chart.engagement')}
        x={x}
        bands={bands}
        series={[
          { label: t('analytics.likes'), values: pad(pick((m) => m.likes)), colour: '--chart-1' },
          { label: t('analytics.chat'), values: pad(pick((m) => m.chat)), colour: '--chart-2' },
          { label: t('analytics.cartOpens'), values: pad(pick((m) => m.cartOpens)), colour: '--chart-3', right: true },
          { label: t('analytics.productClicks'), values: pad(pick((m) => m.ownClicks + m.externalClicks)), colour: '--chart-4', right: true },
        ]}
      />
      <TimeChart
        title={t('analytics.chart.sales')}
        x={x}
        bands={bands}
        series={[
          { label: t('analytics.orders'), values: pad(pick((m) => m.orders)), colour: '--chart-3', bars: true },
          { label: t('analytics.gmv'), values: pad(pick((m) => m.gmvMinor / money)), colour: '--chart-1', right: true },
        ]}
      />
    </div>
  );
}
