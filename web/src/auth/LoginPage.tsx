import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { loginBody } from '../../../src/contracts/identity.schemas';
import { checkForm, formValues } from '../shell/forms';
import { logIn } from '../shell/session.api';
import { Field } from '../shell/ui';
import { AuthPage } from './AuthPage';

export function LoginPage() {
  const { t } = useTranslation();
  const [invalid, setInvalid] = useState<ReadonlySet<string>>(new Set());
  return (
    <AuthPage
      title={t('auth.loginTitle')}
      submitLabel={t('auth.loginSubmit')}
      other={{ to: '/signup', question: t('auth.noAccount'), link: t('nav.signup') }}
      prepare={(form) => {
        const check = checkForm(loginBody, formValues(form));
        setInvalid(check.ok ? new Set() : check.invalid);
        return check.ok ? () => logIn(check.data) : null;
      }}
    >
      <Field label={t('auth.email')} name="email" type="email" autoComplete="email" required autoFocus
        invalid={invalid.has('email') ? t('form.invalid.email') : undefined} />
      <Field label={t('auth.password')} name="password" type="password" autoComplete="current-password" required
        invalid={invalid.has('password') ? t('form.invalid.passwordEmpty') : undefined} />
    </AuthPage>
  );
}
