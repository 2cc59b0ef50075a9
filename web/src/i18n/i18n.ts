import { createInstance, type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import zhCN from './zh-CN.json';
import { readPref, writePref } from '../shell/prefs';

export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];

export const resources = {
  'zh-CN': { translation: zhCN },
  en: { translation: en },
} as const;

function isLanguage(value: string | null): value is Language {
  return value !== null && (languages as readonly string[]).includes(value);
}

/** The remembered choice wins; otherwise the browser's first language: zh* → zh-CN, else en. */
export function detectLanguage(stored: string | null, browserLanguages: readonly string[]): Language {
  if (isLanguage(stored)) return stored;
  return browserLanguages[0]?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/**
 * One i18next instance per app (no global singleton), handed to React by I18nextProvider.
 * Resources are bundled: two small JSON files are cheaper than a request before first paint.
 */
export async function createI18n(): Promise<i18n> {
  const instance = createInstance();
  const browser = navigator.languages.length > 0 ? navigator.languages : [navigator.language];
  await instance.use(initReactI18next).init({
    resources,
    lng: detectLanguage(readPref('hutong.language'), browser),
    fallbackLng: 'en',
    supportedLngs: [...languages],
    interpolation: { escapeValue: false }, // React escapes when rendering
    returnNull: false,
  });
  const applyToDocument = (lng: string): void => {
    document.documentElement.lang = lng;
    document.title = instance.t('app.documentTitle');
  };
  applyToDocument(instance.language);
  instance.on('languageChanged', applyToDocument);
  return instance;
}

export async function switchLanguage(instance: i18n, lng: Language): Promise<void> {
  writePref('hutong.language', lng);
  await instance.changeLanguage(lng);
}
