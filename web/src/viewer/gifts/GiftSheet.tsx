import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { SentGift } from './gifts.api';
import { useFormat } from '../../shell/format';
import { samePath } from '../share/shares.api';
import '../room/sheet.css';
import '../share/share.css';
import './gifts.css';

/** A copyable value: the claim link or the token (口令) of a gift. */
function CopyRow({ label, value, testId }: { label: string; value: string; testId: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      <span className="share-row">
        <input readOnly value={value} onFocus={(e) => e.currentTarget.select()} data-testid={testId} />
        <button type="button" onClick={() => void copy()}>{copied ? t('share.copied') : t('share.copy')}</button>
      </span>
    </label>
  );
}

/**
 * The gift's share sheet: its QR code to scan from this screen (like a red packet), the claim link
 * and the token to paste where links are blocked, and until when the friend may claim it.
 */
export function GiftSheet({ gift, onClose }: { gift: SentGift; onClose?: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const canShare = typeof navigator.share === 'function';
  return (
    <section className="sheet gift-sheet" role="dialog" aria-modal="false" aria-label={t('gifts.sheetTitle')} data-testid="gift-sheet" data-code={gift.code}>
      <header className="sheet-head">
        <h2 className="sheet-title">{t('gifts.sheetTitle')}</h2>
        {onClose && <button type="button" className="sheet-close" onClick={onClose} aria-label={t('share.close')}>×</button>}
      </header>
      <div className="sheet-body">
        <div className="gift-sheet-qr">
          <img src={samePath(gift.qrSvgUrl)} alt={t('gifts.qrAlt', { title: gift.what.title })} width={180} height={180} data-testid="gift-qr" />
          <div>
            <p className="gift-sheet-title">{gift.what.title}</p>
            <p className="muted">{t('gifts.claimBy', { time: format.dateTime(gift.expiresAt) })}</p>
            <p className="muted">{t('gifts.scanHint')}</p>
          </div>
        </div>
        <CopyRow label={t('gifts.link')} value={gift.url} testId="gift-url" />
        <CopyRow label={t('gifts.token')} value={gift.token} testId="gift-token" />
        {canShare && (
          <button type="button" className="button-secondary" onClick={() => void navigator.share({ title: gift.what.title, text: gift.token, url: gift.url }).catch(() => {})}>
            {t('share.system')}
          </button>
        )}
        <Link to="/me/gifts">{t('gifts.seeMine')}</Link>
      </div>
    </section>
  );
}
