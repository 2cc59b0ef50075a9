import { useTranslation } from 'react-i18next';
import { linkModes, marketplaces, type LinkMode, type Marketplace } from '../../../src/contracts/links.schemas';
import { shareChannels, type ShareChannel } from '../../../src/contracts/shares.schemas';
import { useResource } from '../api/use-resource';
import { useErrorText } from '../i18n/errors';
import { useSubmit } from '../shell/forms';
import { ErrorNotice, Loading, Table } from '../shell/ui';
import { getShareChannelPolicy, setShareChannelPolicy } from './links.api';

/**
 * The link policy per share channel: for each marketplace, whether a listing shared on a channel
 * (WeChat, Douyin…) follows the Shares column of the policy ("as shares") or has a mode of its own —
 * "WeChat groups may open Taobao links; elsewhere use 淘口令". Each change is audited (`onChanged`
 * reloads the audit list).
 */
export function ShareChannelPolicy({ onChanged }: { onChanged: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [rules, reload] = useResource((signal) => getShareChannelPolicy(signal), []);
  const { pending, error, run } = useSubmit();

  const modeOf = (marketplace: Marketplace, channel: ShareChannel): LinkMode | null =>
    rules.status === 'ok' ? (rules.data.find((r) => r.marketplace === marketplace && r.channel === channel)?.mode ?? null) : null;
  const change = (marketplace: Marketplace, channel: ShareChannel, mode: LinkMode | null) =>
    void run(async () => {
      await setShareChannelPolicy({ marketplace, channel, mode });
      reload();
      onChanged();
    });

  return (
    <section className="card" data-testid="share-channel-policy">
      <h2>{t('linkPolicy.channelsTitle')}</h2>
      <p className="muted">{t('linkPolicy.channelsHelp')}</p>
      {error !== null && <p className="form-error" role="alert">{errorText(error)}</p>}
      {rules.status === 'loading' && <Loading />}
      {rules.status === 'error' && <ErrorNotice error={rules.error} onRetry={reload} />}
      {rules.status === 'ok' && (
        <Table head={[t('linkPolicy.marketplace'), ...shareChannels.map((c) => t(`share.channels.${c}`))]}>
          {marketplaces.map((m) => (
            <tr key={m} data-marketplace={m}>
              <td>{t(`links.marketplaces.${m}`)}</td>
              {shareChannels.map((c) => {
                const mode = modeOf(m, c);
                return (
                  <td key={c}>
                    <select
                      name={`${m}-share-${c}`}
                      className={`policy-mode policy-mode-${mode ?? 'inherit'}`}
                      value={mode ?? ''}
                      disabled={pending}
                      aria-label={`${t(`links.marketplaces.${m}`)} · ${t('linkPolicy.sceneOfChannel', { channel: t(`share.channels.${c}`) })}`}
                      onChange={(e) => change(m, c, (e.target.value || null) as LinkMode | null)}
                    >
                      <option value="">{t('linkPolicy.modes.inherit')}</option>
                      {linkModes.map((lm) => (
                        <option key={lm} value={lm}>{t(`linkPolicy.modes.${lm}`)}</option>
                      ))}
                    </select>
                  </td>
                );
              })}
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}
