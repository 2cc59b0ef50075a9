import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { Membership } from '../../../../src/contracts/identity.schemas';
import type { ChatMessage } from '../../../../src/contracts/realtime.schemas';
import { useRoomLive } from '../../realtime';
import { useErrorText } from '../../i18n/errors';
import { useChatName } from '../../viewer/chat/names';
import { BannedWordsForm } from './BannedWordsForm';
import { LiveNumbers } from './LiveNumbers';
import { banViewer, deleteMessage, muteViewer, setSlowMode } from './moderation.api';

const MUTE_CHOICES = [1, 5, 10, 30, 60, 24 * 60];

/** /studio/moderation/:slug — the host's live desk: numbers, the chat with actions, slow mode, banned words. */
export function ModerationPage({ membership }: { membership: Membership }) {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
  const live = useRoomLive(slug);
  const nameOf = useChatName();
  const errorText = useErrorText();
  const [muteMinutes, setMuteMinutes] = useState(5);
  const [slow, setSlow] = useState('');
  const [notice, setNotice] = useState<string>();
  const [failure, setFailure] = useState<string>();

  async function act(what: () => Promise<unknown>, done: string) {
    setFailure(undefined);
    try {
      await what();
      setNotice(done);
    } catch (err) {
      setNotice(undefined);
      setFailure(errorText(err));
    }
  }

  function submitSlow(e: FormEvent) {
    e.preventDefault();
    const seconds = Number(slow || 0);
    void act(() => setSlowMode(slug, seconds), seconds > 0 ? t('moderation.slowOn', { s: seconds }) : t('moderation.slowOff'));
  }

  const actions = (m: ChatMessage) =>
    m.from.id !== live.viewer?.id && (
      <span className="modchat-actions">
        <button type="button" onClick={() => act(() => deleteMessage(slug, m.id), t('moderation.deleted'))}>
          {t('moderation.delete')}
        </button>
        <button type="button" onClick={() => act(() => muteViewer(slug, m.from.id, muteMinutes), t('moderation.muted', { name: nameOf(m.from), n: muteMinutes }))}>
          {t('moderation.mute')}
        </button>
        <button type="button" className="danger" onClick={() => act(() => banViewer(slug, m.from.id), t('moderation.banned', { name: nameOf(m.from) }))}>
          {t('moderation.ban')}
        </button>
      </span>
    );

  return (
    <div className="stack">
      <header className="page-head">
        <h1>{t('moderation.title', { slug })}</h1>
        <p>
          <Link to="/studio">{t('moderation.back')}</Link> · <Link to={`/live/${encodeURIComponent(slug)}`}>{t('studio.openViewer')}</Link>
        </p>
      </header>
      <section className="card">
        <h2>{t('moderation.numbersTitle')}</h2>
        <LiveNumbers slug={slug} />
      </section>
      {notice && <p className="modnotice" role="status">{notice}</p>}
      {failure && <p className="modfailure" role="alert">{failure}</p>}
      <section className="card">
        <h2>{t('moderation.chatTitle')}</h2>
        <label className="modmute">
          {t('moderation.muteFor')}{' '}
          <select value={muteMinutes} onChange={(e) => setMuteMinutes(Number(e.target.value))} name="muteMinutes">
            {MUTE_CHOICES.map((n) => (
              <option key={n} value={n}>
                {t('moderation.minutes', { n })}
              </option>
            ))}
          </select>
        </label>
        {live.chat.length === 0 ? (
          <p className="muted">{t('moderation.noChat')}</p>
        ) : (
          <ol className="modchat">
            {live.chat.map((m) => (
              <li key={m.id} className="modchat-line">
                {m.from.role !== 'viewer' && <span className={`livechat-role livechat-role-${m.from.role}`}>{t(`chat.roles.${m.from.role}`)}</span>}
                <span className="modchat-name">{nameOf(m.from)}</span>
                <span className="modchat-text">{m.text}</span>
                {actions(m)}
              </li>
            ))}
          </ol>
        )}
      </section>
      <section className="card">
        <h2>{t('moderation.slowTitle')}</h2>
        <p className="muted">{live.slowModeSeconds > 0 ? t('moderation.slowOn', { s: live.slowModeSeconds }) : t('moderation.slowOff')}</p>
        <form className="modform" onSubmit={submitSlow}>
          <input name="slowSeconds" type="number" min={0} max={600} value={slow} onChange={(e) => setSlow(e.target.value)} aria-label={t('moderation.slowSeconds')} placeholder={t('moderation.slowSeconds')} />
          <button type="submit">{t('moderation.slowSet')}</button>
        </form>
      </section>
      <section className="card">
        <h2>{t('moderation.wordsTitle')}</h2>
        <BannedWordsForm shopId={membership.shop.id} />
      </section>
    </div>
  );
}
