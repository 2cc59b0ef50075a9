import { CHAT_MAX_CHARS } from '../contracts/realtime.schemas';

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

export type ChatVerdict = { ok: true; text: string } | { ok: false; code: ChatRefusal; retryAt?: number };

export interface ChatLimits {
  /** Token bucket per viewer: `burst` messages at once, then `perSecond`. */
  burst: number;
  perSecond: number;
  /** The same text again from the same viewer within this window is refused. */
  duplicateWindowMs: number;
  bannedWordsMode: 'mask' | 'refuse';
}

export const defaultChatLimits: ChatLimits = { burst: 5, perSecond: 0.5, duplicateWindowMs: 30_000, bannedWordsMode: 'mask' };

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
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Masks each banned word (case-insensitively) with asterisks; returns whether any matched. */
export function maskBannedWords(text: string, words: readonly string[]): { text: string; matched: boolean } {
  let matched = false;
  let out = text;
  for (const w of words) {
    if (!w) continue;
    const re = new RegExp(w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'giu');
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
  if (text.length === 0) return { ok: false, code: 'REALTIME_CHAT_EMPTY' };
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
    const masked = maskBannedWords(text, rules.bannedWords);
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
