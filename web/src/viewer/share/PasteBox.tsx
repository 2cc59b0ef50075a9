import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../i18n/errors';
import { ApiError } from '../../api/client';
import { resolveGift } from '../gifts/gifts.api';
import { resolveShare } from './shares.api';
import './share.css';

/**
 * Opens a share someone sent: paste a whole chat message holding a token (口令) or a short link.
 * The server finds the share; the page then goes through its /s/ link, so the visit is counted
 * and credited like a click on the link. The clipboard is read only by the person pasting.
 * `inRoom`: the room's own box, always in view (the desktop's chat column, the phone's menu).
 */
export function PasteBox({ inRoom = false }: { inRoom?: boolean }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const open = async (value: string) => {
    if (!value.trim() || busy) return;
    setBusy(true);
    setError(null);
    try {
      const found = await resolveShare(value).catch(async (err: unknown) => {
        // Not a share: a gift's token or /g/ link opens its claim page.
        if (!(err instanceof ApiError) || err.code !== 'SHARES_NOT_FOUND') throw err;
        const gift = await resolveGift(value).catch(() => {
          throw err;
        });
        window.location.assign(`/g/${encodeURIComponent(gift.code)}`);
        return null;
      });
      if (found) window.location.assign(`/s/${encodeURIComponent(found.code)}`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void open(text);
  };
  return (
    <form className={inRoom ? 'share-paste share-paste-room' : 'share-paste'} onSubmit={submit} role="search" aria-label={t('share.pasteLabel')}>
      <label className="field">
        <span className="field-label">{t('share.pasteLabel')}</span>
        <span className="share-row">
          <input
            type="search"
            value={text}
            maxLength={4000}
            placeholder={t('share.pastePlaceholder')}
            onChange={(e) => setText(e.currentTarget.value)}
            onPaste={(e) => {
              const pasted = e.clipboardData.getData('text');
              if (pasted) {
                e.preventDefault();
                setText(pasted);
                void open(pasted);
              }
            }}
            data-testid="share-paste"
          />
          <button type="submit" disabled={busy}>
            {t('share.pasteOpen')}
          </button>
        </span>
      </label>
      {error !== null && <p className="form-error" role="alert">{errorText(error)}</p>}
    </form>
  );
}
