import { describe, expect, it } from 'vitest';
import { errorCatalogue } from '../../../src/contracts/errors';
import en from './en.json';
import zhCN from './zh-CN.json';
import { detectLanguage } from './i18n';

/** Every leaf as "a.b.c" → text. */
function flatten(tree: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (typeof tree !== 'object' || tree === null) return out.set(prefix, tree);
  for (const [key, value] of Object.entries(tree)) {
    for (const [k, v] of flatten(value, prefix ? `${prefix}.${key}` : key)) out.set(k, v);
  }
  return out;
}

const files = { en: flatten(en), 'zh-CN': flatten(zhCN) };
const placeholders = (text: unknown) => [...String(text).matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  it('zh-CN and en have exactly the same keys', () => {
    expect([...files['zh-CN'].keys()].sort()).toEqual([...files.en.keys()].sort());
  });

  it('has no empty or non-text values', () => {
    for (const [lang, entries] of Object.entries(files)) {
      for (const [key, value] of entries) {
        expect(typeof value === 'string' && value.trim().length > 0, `${lang}: ${key}`).toBe(true);
      }
    }
  });

  it('uses the same {{placeholders}} in both languages', () => {
    for (const [key, text] of files.en) expect(placeholders(files['zh-CN'].get(key)), key).toEqual(placeholders(text));
  });

  it('translates exactly the error catalogue, plus the web app’s own WEB_ codes', () => {
    const translated = [...files.en.keys()].filter((k) => k.startsWith('errors.')).map((k) => k.slice('errors.'.length));
    const expected = [...Object.keys(errorCatalogue), ...translated.filter((code) => code.startsWith('WEB_'))];
    expect(translated.sort()).toEqual(expected.sort());
  });
});

describe('detectLanguage', () => {
  it('prefers the remembered choice', () => {
    expect(detectLanguage('en', ['zh-CN'])).toBe('en');
  });

  it('maps any Chinese browser language to zh-CN and everything else to en', () => {
    expect(detectLanguage(null, ['zh-TW', 'en'])).toBe('zh-CN');
    expect(detectLanguage('xx', ['zh'])).toBe('zh-CN');
    expect(detectLanguage(null, ['fr-FR', 'zh-CN'])).toBe('en');
    expect(detectLanguage(null, [])).toBe('en');
  });
});
