import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useRoomEvents } from '../../realtime';
import { useFormat } from '../../shell/format';
import { currentShowSales, type ShowSales } from './studio-sales.api';

/** How often the figures are read while nothing is heard; a purchase in the room reads them at once. */
const REFRESH_MS = 3000;

type Figures = { showId: string; sales: ShowSales | null } | null;

/** The show on air: orders, units and GMV so far, moving as viewers buy. */
export function ShowSalesNumbers({ shopId, roomId, slug }: { shopId: string; roomId: string; slug: string }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const [figures, setFigures] = useState<Figures | undefined>();
  const [poke, setPoke] = useState(0);
  useRoomEvents(slug, (event) => {
    if (event.type === 'sale.bought') setPoke((n) => n + 1);
  });
  useEffect(() => {
    const abort = new AbortController();
    const load = () =>
      currentShowSales(shopId, roomId, abort.signal).then(
        setFigures,
        () => {}, // a missed refresh shows the previous figures; the next one retries
      );
    void load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      abort.abort();
      clearInterval(timer);
    };
  }, [shopId, roomId, poke]);

  const fmt = new Intl.NumberFormat(i18n.language);
  if (figures === null) return <p className="muted">{t('consoleSales.offAir')}</p>;
  const s = figures?.sales;
  const items: [string, string][] = [
    ['orders', s ? fmt.format(s.orders) : figures ? '0' : '–'],
    ['paidOrders', s ? fmt.format(s.paidOrders) : figures ? '0' : '–'],
    ['units', s ? fmt.format(s.units) : figures ? '0' : '–'],
    ['gmv', s ? format.money(s.gmvMinor, s.currency) : figures ? '0' : '–'],
  ];
  return (
    <>
      <dl className="modnum console-sales" aria-label={t('consoleSales.title')}>
        {items.map(([key, value]) => (
          <div key={key} className="modnum-item" data-testid={`sales-${key}`}>
            <dt>{t(`consoleSales.${key}` as 'consoleSales.orders')}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {figures && <Link to={`/studio/reports/${figures.showId}`} className="show-report-link">{t('adminSales.showReport')}</Link>}
    </>
  );
}
