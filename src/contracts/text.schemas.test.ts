import { describe, expect, it } from 'vitest';
import { isBlank, key, text } from './text.schemas';

const title = text({ max: 120 });
const description = text({ max: 1000, min: 0, multiline: true });

describe('typed text', () => {
  it('refuses control characters, NUL first of all', () => {
    for (const s of ['tea\u0000', '\u0000', 'a\u0007b', 'a\u001bb', 'a\u007fb', 'a\u0085b', 'line\nbreak', 'tab\tbed']) {
      expect(title.safeParse(s).success, JSON.stringify(s)).toBe(false);
    }
  });

  it('keeps line breaks and tabs in multi-line text only', () => {
    expect(description.parse('first line\nsecond\tcolumn\r\nthird')).toBe('first line\nsecond\tcolumn\r\nthird');
    expect(description.safeParse('a\u0000b').success).toBe(false);
  });

  it('refuses bidi overrides and isolates, which disguise "exe.png" as a picture', () => {
    for (const s of ['\u202egnp.exe', 'a\u202ab', 'a\u2066b\u2069', 'x\u202d']) expect(title.safeParse(s).success, JSON.stringify(s)).toBe(false);
  });

  it('refuses text made only of invisible characters', () => {
    for (const s of ['\u200b\u200b', '\u200d', '\ufeff\u200c', '\u2060', '\u3164', '\u00ad', '\u200e\u200f', '\u2800', ' \u3000 ', '\ufe0f']) {
      expect(title.safeParse(s).success, JSON.stringify(s)).toBe(false);
      expect(isBlank(s)).toBe(true);
    }
    expect(description.parse('')).toBe('');
    expect(description.safeParse('\u200b').success).toBe(false);
  });

  it('accepts real text: CJK, emoji sequences with joiners, Persian with a non-joiner, Arabic with a mark', () => {
    for (const s of ['西湖龙井 2026 春茶', '👩‍👩‍👧 family pack', 'می‌خواهم', 'مرحبا\u200f!', 'café ☕', '𠮷野家']) {
      expect(title.parse(s)).toBe(s);
    }
  });

  it('refuses a lone surrogate, which cannot be stored as UTF-8', () => {
    expect(title.safeParse('a\ud800b').success).toBe(false);
    expect(title.safeParse('b\udc00').success).toBe(false);
  });

  it('trims, then holds min and max', () => {
    expect(title.parse('  tea  ')).toBe('tea');
    expect(title.safeParse('   ').success).toBe(false);
    expect(title.safeParse('x'.repeat(121)).success).toBe(false);
  });
});

describe('client keys', () => {
  const slug = key({ max: 40 });
  it('takes an identifier as it is, but never with a control character', () => {
    expect(slug.parse('demo')).toBe('demo');
    expect(slug.parse('Not-A-Slug but fine')).toBe('Not-A-Slug but fine');
    expect(slug.safeParse('demo\u0000').success).toBe(false);
    expect(slug.safeParse('').success).toBe(false);
  });
});
