import { useState } from 'react';
import { useTranslation } from 'react-i18next';

type CopyState = 'idle' | 'copied' | 'failed';

/**
 * A new API key's secret, shown this one time: the server keeps only its hash. `texts` words it for
 * other secrets (a webhook's signing secret).
 */
export function SecretOnce({ name, secret, onDone, texts }: { name: string; secret: string; onDone: () => void; texts?: { title: string; warning: string } }) {
  const { t } = useTranslation();
  const [copy, setCopy] = useState<CopyState>('idle');

  const copySecret = () => {
    // The clipboard API needs a secure context (HTTPS or localhost); on failure the text stays
    // selectable by hand.
    if (!window.isSecureContext) return setCopy('failed');
    navigator.clipboard.writeText(secret).then(
      () => setCopy('copied'),
      () => setCopy('failed'),
    );
  };

  return (
    <section className="card secret-once" role="alert">
      <h2>{texts?.title ?? t('admin.apiKeys.secretTitle', { name })}</h2>
      <p className="warning">{texts?.warning ?? t('admin.apiKeys.secretWarning')}</p>
      <div className="secret-row">
        <code className="secret" onFocus={(e) => window.getSelection()?.selectAllChildren(e.currentTarget)} tabIndex={0}>
          {secret}
        </code>
        <button type="button" onClick={copySecret}>
          {t('admin.apiKeys.copy')}
        </button>
      </div>
      {copy !== 'idle' && (
        <p className="muted" role="status">
          {copy === 'copied' ? t('admin.apiKeys.copied') : t('admin.apiKeys.copyFailed')}
        </p>
      )}
      <button type="button" className="button-secondary" onClick={onDone}>
        {t('admin.apiKeys.secretDone')}
      </button>
    </section>
  );
}
