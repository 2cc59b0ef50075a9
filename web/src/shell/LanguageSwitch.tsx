import { useTranslation } from 'react-i18next';
import { languages, switchLanguage, type Language } from '../i18n/i18n';

const languageNames = { 'zh-CN': 'language.zhCN', en: 'language.en' } as const satisfies Record<Language, string>;

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <select
      name="language"
      className="compact-select"
      aria-label={t('shell.language')}
      value={i18n.language}
      onChange={(e) => void switchLanguage(i18n, e.target.value as Language)}
    >
      {languages.map((lng) => (
        <option key={lng} value={lng}>
          {t(languageNames[lng])}
        </option>
      ))}
    </select>
  );
}
