import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CHAT_MAX_CHARS, type ChatMessage } from '../../../../src/contracts/realtime.schemas';
import { useRoomLive } from '../../realtime';
import { BuyingNotice } from './BuyingNotice';
import { FloatingHearts } from './FloatingHearts';
import { useChatName } from './names';

/**
 * The live layer of a room, over the video: audience numbers, "going to buy" notices, chat (plain
 * text, names and roles), the chat box and the like button with floating hearts. One component: the page mounts it in
 * RoomStage's `overlay` slot.
 */
export function LiveChatOverlay({ slug }: { slug: string }) {
  const { t, i18n } = useTranslation();
  const live = useRoomLive(slug);
  const nameOf = useChatName();
  const [draft, setDraft] = useState('');
  const list = useRef<HTMLOListElement>(null);
  const fmt = (n: number) => new Intl.NumberFormat(i18n.language, { notation: n >= 10_000 ? 'compact' : 'standard' }).format(n);

  // Follow the newest message, as live chat does.
  useEffect(() => {
    const el = list.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [live.chat]);

  function send(e: FormEvent) {
    e.preventDefault();
    const text = draft.trim();
    if (!text) return;
    live.sendChat(text);
    setDraft('');
  }

  const errorKey = live.error ? `errors.${live.error.code}` : undefined;
  return (
    <div className="livechat">
      <p className="livechat-counts" aria-live="off">
        <span data-testid="online">{t('chat.online', { n: fmt(live.counts.online) })}</span>
        <span data-testid="views">{t('chat.views', { n: fmt(live.counts.views) })}</span>
        <span data-testid="likes">{t('chat.likes', { n: fmt(live.counts.likes) })}</span>
      </p>
      {live.status === 'reconnecting' && <p className="livechat-status">{t('chat.reconnecting')}</p>}
      <BuyingNotice slug={slug} />
      <ol className="livechat-list" ref={list} aria-label={t('chat.label')}>
        {live.chat.map((m) => (
          <ChatLine key={m.id} message={m} name={nameOf(m.from)} mine={m.from.id === live.viewer?.id} />
        ))}
      </ol>
      {live.error && errorKey && (
        <p className="livechat-error" role="alert">
          {i18n.exists(errorKey) ? t(errorKey as 'errors.HTTP_INTERNAL') : live.error.message}
        </p>
      )}
      <div className="livechat-actions">
        <form className="livechat-form" onSubmit={send}>
          <input
            name="chat"
            value={draft}
            maxLength={CHAT_MAX_CHARS}
            onChange={(e) => setDraft(e.target.value)}
            placeholder={live.slowModeSeconds > 0 ? t('chat.slowMode', { s: live.slowModeSeconds }) : t('chat.placeholder')}
            aria-label={t('chat.placeholder')}
            autoComplete="off"
          />
          <button type="submit" disabled={live.status !== 'open' || draft.trim() === ''}>
            {t('chat.send')}
          </button>
        </form>
        <button type="button" className="livechat-like" onClick={live.like} aria-label={t('chat.like')}>
          ♥
        </button>
        <FloatingHearts count={live.likeBursts} />
      </div>
    </div>
  );
}

function ChatLine({ message, name, mine }: { message: ChatMessage; name: string; mine: boolean }) {
  const { t } = useTranslation();
  const role = message.from.role;
  return (
    <li className={`livechat-line${mine ? ' livechat-mine' : ''}`}>
      {role !== 'viewer' && <span className={`livechat-role livechat-role-${role}`}>{t(`chat.roles.${role}`)}</span>}
      <span className="livechat-name">{name}</span>
      {/* Plain text: React escapes it; chat is never parsed as HTML. */}
      <span className="livechat-text">{message.text}</span>
    </li>
  );
}
