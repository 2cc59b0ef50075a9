import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { shareChannels, type ShareChannel } from '../../../../src/contracts/shares.schemas';
import { useErrorText } from '../../i18n/errors';
import { ShareSheet } from './ShareSheet';
import { PasteBox } from './PasteBox';
import { MyShareStats } from './MyShareStats';
import { samePath, type ShareTargetInput } from './shares.api';
import { useShare } from './use-share';
import './share.css';

/**
 * The share sheet of a room, a product or a marketplace listing of a room's cart: the channel it is
 * sent on (each gets its own code, for attribution), the short link (in the sheet's link field), the
 * token (口令) for apps that block links, the QR code and the poster; below, the box that opens a
 * token someone sent you (`pasteBox`: left out in the room, which has its own always in view).
 */
export function TargetShare({
  target, title, fallbackUrl, onClose, pasteBox = true,
}: { target: ShareTargetInput; title: string; fallbackUrl: string; onClose: () => void; pasteBox?: boolean }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [channel, setChannel] = useState<ShareChannel>('copy');
  const { share, error } = useShare(target, channel);
  const [copied, setCopied] = useState(false);
  const copyToken = async () => {
    if (!share) return;
    try {
      await navigator.clipboard.writeText(share.token);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  const sheetTitle = 'room' in target ? t('share.title') : t('share.titleProduct');
  return (
    <ShareSheet title={title} heading={sheetTitle} url={share?.url ?? fallbackUrl} onClose={onClose}>
      <MyShareStats />
      <fieldset className="share-channels">
        <legend className="field-label">{t('share.channel')}</legend>
        {shareChannels.map((c) => (
          <button
            key={c}
            type="button"
            className="share-channel"
            aria-pressed={c === channel}
            onClick={() => {
              setCopied(false);
              setChannel(c);
            }}
          >
            {t(`share.channels.${c}`)}
          </button>
        ))}
      </fieldset>
      {error !== null && <p className="form-error" role="alert">{errorText(error)}</p>}
      {share && (
        <>
          <label className="field">
            <span className="field-label">{t('share.token')}</span>
            <span className="share-row">
              <input readOnly value={share.token} onFocus={(e) => e.currentTarget.select()} data-testid="share-token" />
              <button type="button" onClick={() => void copyToken()}>
                {copied ? t('share.copied') : t('share.copy')}
              </button>
            </span>
            <span className="muted share-hint">{t('share.tokenHint')}</span>
          </label>
          <div className="share-qr-row">
            <img className="share-qr" src={samePath(share.qrSvgUrl)} alt={t('share.qrAlt')} width={148} height={148} data-testid="share-qr" />
            <div className="share-qr-side">
              <p className="muted">{t('share.qrHint')}</p>
              <a className="button-secondary" href={samePath(share.posterUrl)} download={`hutong-${share.code}.png`} target="_blank" rel="noreferrer">
                {t('share.poster')}
              </a>
              <a href={samePath(share.qrPngUrl)} download={`hutong-qr-${share.code}.png`} target="_blank" rel="noreferrer">
                {t('share.qrDownload')}
              </a>
            </div>
          </div>
        </>
      )}
      {pasteBox && <PasteBox />}
    </ShareSheet>
  );
}
