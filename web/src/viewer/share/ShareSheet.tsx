import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import '../room/sheet.css';

/**
 * The share sheet, opened by a share button: the link to copy, and the system share panel where
 * the browser has one. TargetShare fills it with the short link, the token (口令), the QR code,
 * the poster and the paste box for tokens (`children`, as sections of their own).
 */
export function ShareSheet({
  title, heading, url, onClose, children,
}: { title: string; heading?: string; url: string; onClose: () => void; children?: ReactNode }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const canShare = typeof navigator.share === 'function';
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <section className="sheet share-sheet" role="dialog" aria-modal="false" aria-label={heading ?? t('share.title')}>
      <header className="sheet-head">
        <h2 className="sheet-title">{heading ?? t('share.title')}</h2>
        <button type="button" className="sheet-close" onClick={onClose} aria-label={t('share.close')}>
          ×
        </button>
      </header>
      <div className="sheet-body">
        <label className="field">
          <span className="field-label">{t('share.link')}</span>
          <span className="share-row">
            <input readOnly value={url} onFocus={(e) => e.currentTarget.select()} data-testid="share-url" />
            <button type="button" onClick={() => void copy()}>
              {copied ? t('share.copied') : t('share.copy')}
            </button>
          </span>
        </label>
        {canShare && (
          <button type="button" className="button-secondary" onClick={() => void navigator.share({ title, url }).catch(() => {})}>
            {t('share.system')}
          </button>
        )}
        {children}
      </div>
    </section>
  );
}

/** The share button of the input row. */
export function ShareButton({ open, onClick }: { open: boolean; onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="room-round-button" aria-expanded={open} aria-label={t('share.open')} onClick={onClick}>
      <svg viewBox="0 0 24 24" aria-hidden="true" width="20" height="20">
        <path d="M14 5l6 6-6 6v-4c-5 0-8 1.5-10 5 .5-5 3-9.5 10-10.5V5z" fill="currentColor" />
      </svg>
    </button>
  );
}
