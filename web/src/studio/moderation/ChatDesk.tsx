import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatMessage } from '../../../../src/contracts/realtime.schemas';
import type { RoomLive } from '../../realtime';
import { useErrorText } from '../../i18n/errors';
import { useChatName } from '../../viewer/chat/names';
import { banViewer, deleteMessage, muteViewer } from './moderation.api';
import './moderation.css';

/** Mute durations offered, in minutes: said in human terms (10 min, 1 h, 24 h). */
const MUTE_CHOICES = [10, 60, 24 * 60];

/** The room's chat for its host, with delete, mute and ban inline on each viewer's line. */
export function ChatDesk({ slug, live }: { slug: string; live: RoomLive }) {
  const { t } = useTranslation();
  const nameOf = useChatName();
  const errorText = useErrorText();
  const [muteMinutes, setMuteMinutes] = useState(10);
  const [notice, setNotice] = useState<string>();
  const [failure, setFailure] = useState<string>();
  const duration = (n: number) => (n % 60 === 0 ? t('moderation.hours', { n: n / 60 }) : t('moderation.minutes', { n }));

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

  const actions = (m: ChatMessage) =>
    m.from.id !== live.viewer?.id && (
      <span className="modchat-actions">
        <button type="button" onClick={() => act(() => deleteMessage(slug, m.id), t('moderation.deleted'))}>
          {t('moderation.delete')}
        </button>
        <button type="button" onClick={() => act(() => muteViewer(slug, m.from.id, muteMinutes), t('moderation.muted', { name: nameOf(m.from), duration: duration(muteMinutes) }))}>
          {t('moderation.mute')}
        </button>
        <button type="button" className="danger" onClick={() => act(() => banViewer(slug, m.from.id), t('moderation.banned', { name: nameOf(m.from) }))}>
          {t('moderation.ban')}
        </button>
      </span>
    );

  return (
    <div className="chatdesk">
      <label className="modmute">
        {t('moderation.muteFor')}{' '}
        <select value={muteMinutes} onChange={(e) => setMuteMinutes(Number(e.target.value))} name="muteMinutes">
          {MUTE_CHOICES.map((n) => (
            <option key={n} value={n}>
              {duration(n)}
            </option>
          ))}
        </select>
      </label>
      {notice && <p className="modnotice" role="status">{notice}</p>}
      {failure && <p className="modfailure" role="alert">{failure}</p>}
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
    </div>
  );
}
