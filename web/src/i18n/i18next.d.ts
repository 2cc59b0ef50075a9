import type en from './en.json';

// Typed keys: t('admin.tabs.products') is checked at compile time against en.json,
// and i18n.test.ts keeps zh-CN.json's keys identical to en.json's.
declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: typeof en };
  }
}
