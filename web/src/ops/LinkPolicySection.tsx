import { useTranslation } from 'react-i18next';
import { linkModes, linkScenes, marketplaces, type LinkMode, type LinkScene, type Marketplace } from '../../../src/contracts/links.schemas';
import { useResource } from '../api/use-resource';
import { usePages } from '../api/use-pages';
import { useErrorText } from '../i18n/errors';
import { useFormat } from '../shell/format';
import { useSubmit } from '../shell/forms';
import { ErrorNotice, Loading, MoreButton, Table } from '../shell/ui';
import { getLinkPolicy, getPolicyAudit, setLinkPolicy } from './links.api';
import { ShareChannelPolicy } from './ShareChannelPolicy';

/**
 * The operator's link policy: for each marketplace and scene (room cart, chat, shares), show the
 * link, a copyable token instead, or hide it; then each share channel's own rule for shared
 * listings (ShareChannelPolicy). Each change applies at once and is audited below.
 */
export function LinkPolicySection() {
  const { t } = useTranslation();
  const format = useFormat();
  const errorText = useErrorText();
  const [rules, reloadRules] = useResource((signal) => getLinkPolicy(signal), []);
  const auditPages = usePages((after, signal) => getPolicyAudit(after, signal), []);
  const { list: audit, reload: reloadAudit } = auditPages;
  const { pending, error, run } = useSubmit();

  const change = (marketplace: Marketplace, scene: LinkScene, mode: LinkMode) =>
    void run(async () => {
      await setLinkPolicy({ marketplace, scene, mode });
      reloadRules();
      reloadAudit();
    });

  const modeOf = (marketplace: Marketplace, scene: LinkScene): LinkMode =>
    rules.status === 'ok' ? (rules.data.find((r) => r.marketplace === marketplace && r.scene === scene)?.mode ?? 'link') : 'link';

  return (
    <>
      <section className="card">
        <h2>{t('linkPolicy.title')}</h2>
        <p className="muted">{t('linkPolicy.help')}</p>
        {error !== null && <p className="form-error" role="alert">{errorText(error)}</p>}
        {rules.status === 'loading' && <Loading />}
        {rules.status === 'error' && <ErrorNotice error={rules.error} onRetry={reloadRules} />}
        {rules.status === 'ok' && (
          <Table head={[t('linkPolicy.marketplace'), ...linkScenes.map((s) => t(`linkPolicy.scenes.${s}`))]}>
            {marketplaces.map((m) => (
              <tr key={m} data-marketplace={m}>
                <td>{t(`links.marketplaces.${m}`)}</td>
                {linkScenes.map((s) => (
                  <td key={s}>
                    <select
                      name={`${m}-${s}`}
                      className={`policy-mode policy-mode-${modeOf(m, s)}`}
                      value={modeOf(m, s)}
                      disabled={pending}
                      aria-label={`${t(`links.marketplaces.${m}`)} · ${t(`linkPolicy.scenes.${s}`)}`}
                      onChange={(e) => change(m, s, e.target.value as LinkMode)}
                    >
                      {linkModes.map((mode) => (
                        <option key={mode} value={mode}>{t(`linkPolicy.modes.${mode}`)}</option>
                      ))}
                    </select>
                  </td>
                ))}
              </tr>
            ))}
          </Table>
        )}
      </section>
      <ShareChannelPolicy onChanged={reloadAudit} />
      <section className="card">
        <h2>{t('linkPolicy.audit')}</h2>
        {audit.status === 'loading' && <Loading />}
        {audit.status === 'error' && <ErrorNotice error={audit.error} onRetry={reloadAudit} />}
        {audit.status === 'ok' &&
          (audit.data.length === 0 ? (
            <p className="muted">{t('linkPolicy.noChanges')}</p>
          ) : (
            <Table head={[t('linkPolicy.when'), t('linkPolicy.who'), t('linkPolicy.marketplace'), t('linkPolicy.scene'), t('linkPolicy.change')]}>
              {audit.data.map((e) => (
                <tr key={e.id} data-audit-id={e.id}>
                  <td>{format.dateTime(e.at)}</td>
                  <td>{e.actorName}</td>
                  <td>{t(`links.marketplaces.${e.marketplace}`)}</td>
                  <td>{e.channel ? t('linkPolicy.sceneOfChannel', { channel: t(`share.channels.${e.channel}`) }) : t(`linkPolicy.scenes.${e.scene}`)}</td>
                  <td>
                    {t(`linkPolicy.modes.${e.before}`)} → <strong>{t(`linkPolicy.modes.${e.after}`)}</strong>
                  </td>
                </tr>
              ))}
            </Table>
          ))}
        <MoreButton pages={auditPages} />
      </section>
    </>
  );
}
