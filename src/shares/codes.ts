import { randomInt } from 'node:crypto';
import { SHARE_CODE_LENGTH } from '../contracts/shares.schemas';

/** 56 letters and digits with the look-alikes 0/O and 1/l/I left out, so a code read aloud survives. */
const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * A share code: 11 characters drawn uniformly (crypto.randomInt, no modulo bias) from 56, so
 * 56^11 ≈ 2^63.9 codes — not guessable in bulk (the issue asks ≥ 60 bits).
 */
export function newShareCode(): string {
  let code = '';
  for (let i = 0; i < SHARE_CODE_LENGTH; i++) code += alphabet[randomInt(alphabet.length)];
  return code;
}

/**
 * The delimiters a token's code sits between. ￥ is the one hutong writes; the others are those
 * marketplaces have used (COMMERCE-NOTES §7) and that chat apps or keyboards turn ￥ into.
 */
const DELIMITERS = '￥¥$€₤£¢₴';
const TOKEN = new RegExp(`([${DELIMITERS}])([A-Za-z0-9]{${SHARE_CODE_LENGTH}})\\1`, 'gu');
const SHORT_LINK = new RegExp(`/s/([A-Za-z0-9]{${SHARE_CODE_LENGTH}})(?![A-Za-z0-9])`, 'g');
/** A pasted chat message holds at most a few; more is not a share being opened. */
const MAX_CANDIDATES = 5;

/** The codes a pasted text may carry, tokens first, then /s/ links, each once, in order. */
export function codesIn(text: string): string[] {
  const found = [...text.matchAll(TOKEN)].map((m) => m[2]!);
  found.push(...[...text.matchAll(SHORT_LINK)].map((m) => m[1]!));
  return [...new Set(found)].slice(0, MAX_CANDIDATES);
}

/** A token: the code between ￥ signs, then what it opens (`看直播`, `领取礼物`…) and its title, so a person knows. */
export function tokenWith(code: string, action: string, title: string): string {
  return `￥${code}￥ 打开 hutong ${action}「${title.replace(/[「」\s]+/g, ' ').trim().slice(0, 40)}」`;
}

/** The token text of a share. */
export function tokenText(code: string, target: { kind: 'room' | 'product' | 'listing'; title: string }): string {
  return tokenWith(code, target.kind === 'room' ? '看直播' : '看好物', target.title);
}
