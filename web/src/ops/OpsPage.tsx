import { useTranslation } from 'react-i18next';
import { useResource } from '../api/use-resource';
import { useFormat } from '../shell/format';
import { ErrorNotice, Loading, Table } from '../shell/ui';
import { listAllShops } from './ops.api';
import { LinkPolicySection } from './LinkPolicySection';

/** /ops — the platform operator's view across every shop. */
export function OpsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [shops, reload] = useResource((signal) => listAllShops(signal), []);
  return (
    <div className="stack">
      <header className="page-head">
        <h1>{t('ops.title')}</h1>
      </header>
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
      </section>
      <LinkPolicySection />
    </div>
  );
}
