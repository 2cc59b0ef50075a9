import { CHAT_MAX_CHARS } from '../contracts/realtime.schemas';
import { isBlank } from '../contracts/text.schemas';
import type { Result } from '../kernel/result';

/**
 * The chat rules, as pure functions over per-viewer state, so they are tested without sockets.
 * Every refusal names a REALTIME_* code from the error catalogue (docs/errors.md).
 */
export type ChatRefusal =
  | 'REALTIME_CHAT_EMPTY'
  | 'REALTIME_CHAT_TOO_LONG'
  | 'REALTIME_CHAT_RATE_LIMITED'
  | 'REALTIME_CHAT_DUPLICATE'
  | 'REALTIME_CHAT_BANNED_WORD'
  | 'REALTIME_MUTED'
  | 'REALTIME_BANNED'
  | 'REALTIME_SLOW_MODE';

export type ChatVerdict = Result<{ text: string }, { code: ChatRefusal; retryAt?: number }>;

export interface ChatLimits {
  /** Token bucket per viewer: `burst` messages at once, then `perSecond`. */
  burst: number;
  perSecond: number;
  /** The same text again from the same viewer within this window is refused. */
  duplicateWindowMs: number;
  bannedWordsMode: 'mask' | 'refuse';
  /** `substring`: a banned word matches anywhere; `word`: a Latin-script word only as a whole word (maskBannedWords). */
  bannedWordsMatch: BannedWordsMatch;
}

export type BannedWordsMatch = 'substring' | 'word';

export const defaultChatLimits: ChatLimits = { burst: 5, perSecond: 0.5, duplicateWindowMs: 30_000, bannedWordsMode: 'mask', bannedWordsMatch: 'substring' };

/** What a node remembers about one chatter (bounded: the hub forgets idle viewers). */
export interface ChatterState {
  tokens: number;
  refilledAt: number;
  lastText?: string;
  lastAt?: number;
}

export interface RoomRules {
  slowModeSeconds: number;
  mutedUntil: (viewerId: string) => number | undefined;
  banned: (viewerId: string) => boolean;
  bannedWords: readonly string[];
}

/** Trims, folds runs of white space, and removes control and bidi-override characters. */
export function cleanText(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A word written in Latin letters (and digits, spaces, apostrophes, hyphens): it has word boundaries. */
const LATIN_WORD = /^[\p{Script=Latin}\p{N}\p{M} '’-]+$/u;

/**
 * Masks each banned word (case-insensitively) with asterisks; returns whether any matched. By
 * default a word matches anywhere, inside other words too ("blat" in "blatant"). With `word`, a
 * word in Latin script matches only where no Latin letter or digit touches it ("a blat!", "买blat货"),
 * while a word in a script written without spaces (Chinese, Japanese) still matches anywhere.
 */
export function maskBannedWords(text: string, words: readonly string[], match: BannedWordsMatch = 'substring'): { text: string; matched: boolean } {
  let matched = false;
  let out = text;
  for (const w of words) {
    if (!w) continue;
    const escaped = w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const whole = match === 'word' && LATIN_WORD.test(w);
    const re = new RegExp(whole ? `(?<![\\p{Script=Latin}\\p{N}\\p{M}])${escaped}(?![\\p{Script=Latin}\\p{N}\\p{M}])` : escaped, 'giu');
    out = out.replace(re, (m) => {
      matched = true;
      return '*'.repeat([...m].length);
    });
  }
  return { text: out, matched };
}

/**
 * Judges one message. Privileged chatters (host, moderator) skip rate limit, slow mode and the
 * word list, not the length limit. Mutates `state` only when the message is accepted or counted
 * against the bucket.
 */
export function judgeChat(
  input: { text: string; viewerId: string; privileged: boolean; now: number },
  state: ChatterState,
  rules: RoomRules,
  limits: ChatLimits,
): ChatVerdict {
  const { viewerId, privileged, now } = input;
  if (rules.banned(viewerId)) return { ok: false, code: 'REALTIME_BANNED' };
  const muted = rules.mutedUntil(viewerId);
  if (muted !== undefined && muted > now) return { ok: false, code: 'REALTIME_MUTED', retryAt: muted };

  let text = cleanText(input.text);
  if (isBlank(text)) return { ok: false, code: 'REALTIME_CHAT_EMPTY' };
  if ([...text].length > CHAT_MAX_CHARS) return { ok: false, code: 'REALTIME_CHAT_TOO_LONG' };

  if (!privileged) {
    if (rules.slowModeSeconds > 0 && state.lastAt !== undefined) {
      const next = state.lastAt + rules.slowModeSeconds * 1000;
      if (now < next) return { ok: false, code: 'REALTIME_SLOW_MODE', retryAt: next };
    }
    state.tokens = Math.min(limits.burst, state.tokens + ((now - state.refilledAt) / 1000) * limits.perSecond);
    state.refilledAt = now;
    if (state.tokens < 1) {
      return { ok: false, code: 'REALTIME_CHAT_RATE_LIMITED', retryAt: now + Math.ceil(((1 - state.tokens) / limits.perSecond) * 1000) };
    }
    const folded = text.toLowerCase();
    if (state.lastText === folded && state.lastAt !== undefined && now - state.lastAt < limits.duplicateWindowMs) {
      return { ok: false, code: 'REALTIME_CHAT_DUPLICATE' };
    }
    const masked = maskBannedWords(text, rules.bannedWords, limits.bannedWordsMatch);
    if (masked.matched) {
      if (limits.bannedWordsMode === 'refuse') return { ok: false, code: 'REALTIME_CHAT_BANNED_WORD' };
      text = masked.text;
    }
    state.tokens -= 1;
    state.lastText = folded;
  }
  state.lastAt = now;
  return { ok: true, text };
}

export const newChatterState = (now: number, limits: ChatLimits): ChatterState => ({ tokens: limits.burst, refilledAt: now });
