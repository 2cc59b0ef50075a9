import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CHAT_MAX_CHARS } from '../../../../src/contracts/realtime.schemas';
import type { RoomLive } from '../../realtime';

/** The chat box of the input row; a refusal (muted, too fast…) shows above it, translated by code. */
export function ChatBox({ live }: { live: RoomLive }) {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState('');
  function send(e: FormEvent) {
    e.preventDefault();
    const text = draft.trim();
    if (!text) return;
    live.sendChat(text);
    setDraft('');
  }
  const errorKey = live.error ? `errors.${live.error.code}` : undefined;
  return (
    <form className="livechat-form" onSubmit={send}>
      {live.error && errorKey && (
        <p className="livechat-error" role="alert">
          {i18n.exists(errorKey) ? t(errorKey as 'errors.HTTP_INTERNAL') : live.error.message}
        </p>
      )}
      <input
        name="chat"
        value={draft}
        maxLength={CHAT_MAX_CHARS}
        onChange={(e) => setDraft(e.target.value)}
        placeholder={live.slowModeSeconds > 0 ? t('chat.slowMode', { s: live.slowModeSeconds }) : t('chat.placeholder')}
        aria-label={t('chat.placeholder')}
        autoComplete="off"
        enterKeyHint="send"
      />
      <button type="submit" className="livechat-send" disabled={live.status !== 'open' || draft.trim() === ''}>
        {t('chat.send')}
      </button>
    </form>
  );
}
