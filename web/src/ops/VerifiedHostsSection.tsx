import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { usePages } from '../api/use-pages';
import { useErrorText } from '../i18n/errors';
import { useFormat } from '../shell/format';
import { useSubmit } from '../shell/forms';
import { ErrorNotice, Field, Loading, MoreButton, Table } from '../shell/ui';
import { getHostAudit, getVerifiedHosts, verifyHost, withdrawHost } from './links.api';

/**
 * Verified hosts: a cart link to a site no marketplace recogniser knows ("other") first shows
 * viewers a page naming the site and asking them to continue; a host verified here skips it.
 * Every verification and withdrawal is audited below.
 */
export function VerifiedHostsSection() {
  const { t } = useTranslation();
  const format = useFormat();
  const errorText = useErrorText();
  const hostPages = usePages((after, signal) => getVerifiedHosts(after, signal), []);
  const auditPages = usePages((after, signal) => getHostAudit(after, signal), []);
  const { list: hosts, reload: reloadHosts } = hostPages;
  const { list: audit, reload: reloadAudit } = auditPages;
  const { pending, error, run } = useSubmit();
  const [host, setHost] = useState('');

  const after = () => {
    reloadHosts();
    reloadAudit();
  };
  const onVerify = (e: FormEvent) => {
    e.preventDefault();
    if (host.trim() === '') return;
    void run(async () => {
      await verifyHost(host.trim());
      setHost('');
      after();
    });
  };
  const onWithdraw = (h: string) =>
    void run(async () => {
      await withdrawHost(h);
      after();
    });

  return (
    <section className="card verified-hosts">
      <h2>{t('verifiedHosts.title')}</h2>
      <p className="muted">{t('verifiedHosts.help')}</p>
      <form className="form-row" onSubmit={onVerify} noValidate>
        <Field label={t('verifiedHosts.host')} name="host" value={host} placeholder="shop.example.com" autoComplete="off" onChange={(e) => setHost(e.target.value)} />
        <button type="submit" disabled={pending || host.trim() === ''}>
          {t('verifiedHosts.verify')}
        </button>
      </form>
      {error !== null && <p className="form-error" role="alert">{errorText(error)}</p>}
      {hosts.status === 'loading' && <Loading />}
      {hosts.status === 'error' && <ErrorNotice error={hosts.error} onRetry={reloadHosts} />}
      {hosts.status === 'ok' &&
        (hosts.data.length === 0 ? (
          <p className="muted">{t('verifiedHosts.none')}</p>
        ) : (
          <Table head={[t('verifiedHosts.host'), t('verifiedHosts.since'), '']}>
            {hosts.data.map((h) => (
              <tr key={h.host} data-host={h.host}>
                <td className="mono">{h.host}</td>
                <td>{format.dateTime(h.verifiedAt)}</td>
                <td className="row-actions">
                  <button type="button" className="secondary" disabled={pending} onClick={() => onWithdraw(h.host)}>
                    {t('verifiedHosts.withdraw')}
                  </button>
                </td>
              </tr>
            ))}
          </Table>
        ))}
      <MoreButton pages={hostPages} />
      <h3>{t('verifiedHosts.audit')}</h3>
      {audit.status === 'error' && <ErrorNotice error={audit.error} onRetry={reloadAudit} />}
      {audit.status === 'ok' &&
        (audit.data.length === 0 ? (
          <p className="muted">{t('linkPolicy.noChanges')}</p>
        ) : (
          <Table head={[t('linkPolicy.when'), t('linkPolicy.who'), t('verifiedHosts.host'), t('verifiedHosts.change')]}>
            {audit.data.map((e) => (
              <tr key={e.id} data-audit-id={e.id}>
                <td>{format.dateTime(e.at)}</td>
                <td>{e.actorName}</td>
                <td className="mono">{e.host}</td>
                <td>{e.verified ? t('verifiedHosts.verified') : t('verifiedHosts.withdrawn')}</td>
              </tr>
            ))}
          </Table>
        ))}
      <MoreButton pages={auditPages} />
    </section>
  );
}
