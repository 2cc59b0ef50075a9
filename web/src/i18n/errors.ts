import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

/**
 * The text to show for a failure: the translation of its code when this build has one,
 * else the server's own message (a code newer than this build), else a generic line.
 */
export function useErrorText(): (err: unknown) => string {
  const { t, i18n } = useTranslation();
  return (err) => {
    if (err instanceof ApiError) {
      const key = `errors.${err.code}`;
      // The key is dynamic (a code may be newer than this build), so it is checked at run time.
      return i18n.exists(key) ? t(key as 'errors.HTTP_INTERNAL') : err.message;
    }
    return t('errors.WEB_UNEXPECTED');
  };
}
