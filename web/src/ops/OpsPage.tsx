import { useTranslation } from 'react-i18next';
import { usePages } from '../api/use-pages';
import { useFormat } from '../shell/format';
import { ErrorNotice, Loading, MoreButton, Table } from '../shell/ui';
import { listAllShops } from './ops.api';
import { LinkPolicySection } from './LinkPolicySection';
import { VerifiedHostsSection } from './VerifiedHostsSection';
import { AnalyticsOverview } from './AnalyticsOverview';
import './ops.css';

/** /ops — the platform operator's view across every shop. */
export function OpsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const pages = usePages((after, signal) => listAllShops(after, signal), []);
  const { list: shops, reload } = pages;
  return (
    <div className="stack">
      <header className="page-head">
        <h1>{t('ops.title')}</h1>
      </header>
      <AnalyticsOverview />
      <section className="card">
        <h2>{t('ops.shops')}</h2>
        {shops.status === 'loading' && <Loading />}
        {shops.status === 'error' && <ErrorNotice error={shops.error} onRetry={reload} />}
        {shops.status === 'ok' &&
          (shops.data.length === 0 ? (
            <p className="muted">{t('ops.noShops')}</p>
          ) : (
            <Table head={[t('ops.shopName'), t('ops.shopSlug'), t('common.createdAt')]}>
              {shops.data.map((shop) => (
                <tr key={shop.id}>
                  <td>{shop.name}</td>
                  <td className="mono">{shop.slug}</td>
                  <td>{format.dateTime(shop.createdAt)}</td>
                </tr>
              ))}
            </Table>
          ))}
        <MoreButton pages={pages} />
      </section>
      <LinkPolicySection />
      <VerifiedHostsSection />
    </div>
  );
}
