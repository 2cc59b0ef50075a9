import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Message } from './ui';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Message title={t('shell.notFoundTitle')}>
      <p>{t('shell.notFoundBody')}</p>
      <Link to="/">{t('shell.backHome')}</Link>
    </Message>
  );
}
