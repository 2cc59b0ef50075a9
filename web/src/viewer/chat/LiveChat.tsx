import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatMessage } from '../../../../src/contracts/realtime.schemas';
import type { RoomLive } from '../../realtime';
import { BuyingNotice } from './BuyingNotice';
import { useChatName } from './names';
import './chat.css';

/** How close to the bottom (px) still counts as "reading the newest": new lines then scroll in. */
const AT_BOTTOM = 24;

/**
 * The room's chat: the newest lines at the bottom, older ones fading at the top edge. A viewer who
 * scrolls up to read stays there; new lines then show as a "new messages" pill instead of pulling
 * the list down.
 */
export function LiveChat({ slug, live, messages = live.chat }: { slug: string; live: RoomLive; messages?: ChatMessage[] }) {
  const { t } = useTranslation();
  const nameOf = useChatName();
  const list = useRef<HTMLOListElement>(null);
  const [reading, setReading] = useState(false);
  const [unseen, setUnseen] = useState(0);
  const lastId = useRef<string | undefined>(undefined);

  useLayoutEffect(() => {
    const el = list.current;
    const newest = messages[messages.length - 1]?.id;
    if (!el || newest === lastId.current) return;
    const before = lastId.current ? messages.findIndex((m) => m.id === lastId.current) : -1;
    lastId.current = newest;
    if (reading) setUnseen((n) => n + (before >= 0 ? messages.length - 1 - before : messages.length));
    else el.scrollTop = el.scrollHeight;
  }, [messages, reading]);

  useEffect(() => {
    if (!reading) setUnseen(0);
  }, [reading]);

  const onScroll = () => {
    const el = list.current;
    if (el) setReading(el.scrollHeight - el.scrollTop - el.clientHeight > AT_BOTTOM);
  };
  const toNewest = () => {
    const el = list.current;
    if (el) el.scrollTop = el.scrollHeight;
    setReading(false);
  };

  return (
    <div className="livechat">
      {live.status === 'reconnecting' && <p className="livechat-status">{t('chat.reconnecting')}</p>}
      <BuyingNotice slug={slug} />
      <ol className="livechat-list" ref={list} onScroll={onScroll} aria-label={t('chat.label')} aria-live="polite" aria-relevant="additions">
        {messages.map((m) => (
          <ChatLine key={m.id} message={m} name={nameOf(m.from)} mine={m.from.id === live.viewer?.id} />
        ))}
      </ol>
      {reading && unseen > 0 && (
        <button type="button" className="livechat-pill" onClick={toNewest}>
          {t('chat.newMessages', { count: unseen })}
        </button>
      )}
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
