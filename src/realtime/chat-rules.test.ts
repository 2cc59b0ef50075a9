import { describe, expect, it } from 'vitest';
import { cleanText, defaultChatLimits, judgeChat, maskBannedWords, newChatterState, type RoomRules } from './chat-rules';

const rules = (r: Partial<RoomRules> = {}): RoomRules => ({
  slowModeSeconds: 0,
  mutedUntil: () => undefined,
  banned: () => false,
  bannedWords: [],
  ...r,
});
const limits = defaultChatLimits;

function judge(text: string, now: number, state = newChatterState(0, limits), r = rules(), privileged = false) {
  return judgeChat({ text, viewerId: 'a:x', privileged, now }, state, r, limits);
}

describe('chat rules', () => {
  it('refuses empty and over-long messages, counting characters not bytes', () => {
    expect(judge('   ', 0)).toEqual({ ok: false, code: 'REALTIME_CHAT_EMPTY' });
    expect(judge('好'.repeat(200), 0)).toEqual({ ok: true, text: '好'.repeat(200) });
    expect(judge('好'.repeat(201), 0)).toMatchObject({ ok: false, code: 'REALTIME_CHAT_TOO_LONG' });
  });

  it('refuses a message of invisible characters only as empty (it would show an empty bubble)', () => {
    for (const text of ['\u200b\u200b', '\u200d', '\ufeff', '\u3164', '\u2060 \u200c']) {
      expect(judge(text, 0), JSON.stringify(text)).toEqual({ ok: false, code: 'REALTIME_CHAT_EMPTY' });
    }
    expect(judge('👍\u200d', 0)).toMatchObject({ ok: true });
  });

  it('allows a burst, then limits the rate and says when to retry', () => {
    const s = newChatterState(0, limits);
    for (let i = 0; i < limits.burst; i++) expect(judge(`m${i}`, 0, s).ok).toBe(true);
    const refused = judge('one more', 0, s);
    expect(refused).toMatchObject({ ok: false, code: 'REALTIME_CHAT_RATE_LIMITED' });
    expect(refused.ok || refused.retryAt).toBe(2000);
    expect(judge('later', 2000, s).ok).toBe(true);
  });

  it('suppresses the same text from the same viewer within the window, ignoring case and spaces', () => {
    const s = newChatterState(0, limits);
    expect(judge('Hello  there', 0, s).ok).toBe(true);
    expect(judge('hello there', 1000, s)).toEqual({ ok: false, code: 'REALTIME_CHAT_DUPLICATE' });
    expect(judge('hello there', 31_000, s).ok).toBe(true);
  });

  it('masks banned words, or refuses them when configured', () => {
    const r = rules({ bannedWords: ['骗子', 'spam'] });
    expect(judge('这个是骗子吗 SPAM', 0, newChatterState(0, limits), r)).toEqual({ ok: true, text: '这个是**吗 ****' });
    const refuse = judgeChat({ text: 'spam', viewerId: 'a:x', privileged: false, now: 0 }, newChatterState(0, limits), r, { ...limits, bannedWordsMode: 'refuse' });
    expect(refuse).toEqual({ ok: false, code: 'REALTIME_CHAT_BANNED_WORD' });
  });

  it('refuses banned and muted viewers, and enforces slow mode for viewers but not the host', () => {
    expect(judge('hi', 0, undefined, rules({ banned: () => true }))).toEqual({ ok: false, code: 'REALTIME_BANNED' });
    expect(judge('hi', 0, undefined, rules({ mutedUntil: () => 60_000 }))).toEqual({ ok: false, code: 'REALTIME_MUTED', retryAt: 60_000 });
    expect(judge('hi', 60_000, undefined, rules({ mutedUntil: () => 60_000 })).ok).toBe(true);
    const slow = rules({ slowModeSeconds: 10 });
    const s = newChatterState(0, limits);
    expect(judge('a', 0, s, slow).ok).toBe(true);
    expect(judge('b', 5000, s, slow)).toEqual({ ok: false, code: 'REALTIME_SLOW_MODE', retryAt: 10_000 });
    const host = newChatterState(0, limits);
    expect(judge('a', 0, host, slow, true).ok).toBe(true);
    expect(judge('b', 10, host, slow, true).ok).toBe(true);
  });

  it('matches banned words anywhere by default, and Latin-script words only as whole words when asked', () => {
    expect(maskBannedWords('blatant', ['blat']).text).toBe('****ant');
    const word = (text: string, words: string[]) => maskBannedWords(text, words, 'word').text;
    expect(word('blatant', ['blat'])).toBe('blatant');
    expect(word('a blat, BLAT!', ['blat'])).toBe('a ****, ****!');
    expect(word('blat2 2blat', ['blat'])).toBe('blat2 2blat'); // digits join a word too
    expect(word('买blat货', ['blat'])).toBe('买****货'); // Chinese around a Latin word is a boundary
    expect(word('骗子们', ['骗子'])).toBe('**们'); // no spaces between Chinese words: matched anywhere
    expect(word('crème brûlée', ['crème'])).toBe('***** brûlée');
    expect(word('crèmeux', ['crème'])).toBe('crèmeux');
    const judged = judgeChat({ text: 'blatant', viewerId: 'a:x', privileged: false, now: 0 }, newChatterState(0, limits), rules({ bannedWords: ['blat'] }), {
      ...limits,
      bannedWordsMode: 'refuse',
      bannedWordsMatch: 'word',
    });
    expect(judged).toEqual({ ok: true, text: 'blatant' });
  });

  it('strips control and bidi-override characters but keeps the text as text', () => {
    expect(cleanText('a\u202Eb\u0007 \n c')).toBe('ab c');
    expect(cleanText('<script>alert(1)</script>')).toBe('<script>alert(1)</script>');
    expect(maskBannedWords('a.b', ['.']).text).toBe('a*b');
  });
});
