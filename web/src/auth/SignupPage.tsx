import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { signupBody } from '../../../src/contracts/identity.schemas';
import { PASSWORD_MIN_LENGTH, passwordProblem, type PasswordProblem } from '../../../src/contracts/passwords';
import { checkForm, formValues } from '../shell/forms';
import { signUp } from '../shell/session.api';
import { Field } from '../shell/ui';
import { AuthPage } from './AuthPage';

export function SignupPage() {
  const { t } = useTranslation();
  const [invalid, setInvalid] = useState<ReadonlySet<string>>(new Set());
  const [problem, setProblem] = useState<PasswordProblem | null>(null);
  return (
    <AuthPage
      title={t('auth.signupTitle')}
      submitLabel={t('auth.signupSubmit')}
      other={{ to: '/login', question: t('auth.haveAccount'), link: t('nav.login') }}
      prepare={(form) => {
        const check = checkForm(signupBody, formValues(form));
        setInvalid(check.ok ? new Set() : check.invalid);
        setProblem(passwordProblem(formValues(form).password ?? ''));
        return check.ok ? () => signUp(check.data) : null;
      }}
    >
      <Field label={t('auth.displayName')} name="displayName" autoComplete="nickname" required maxLength={60} autoFocus
        invalid={invalid.has('displayName') ? t('form.invalid.displayName') : undefined} />
      <Field label={t('auth.email')} name="email" type="email" autoComplete="email" required
        invalid={invalid.has('email') ? t('form.invalid.email') : undefined} />
      <Field label={t('auth.password')} name="password" type="password" autoComplete="new-password" required minLength={PASSWORD_MIN_LENGTH}
        hint={t('auth.passwordRule', { min: PASSWORD_MIN_LENGTH })}
        invalid={invalid.has('password') ? t(`form.invalid.password_${problem ?? 'too_short'}`, { min: PASSWORD_MIN_LENGTH }) : undefined} />
    </AuthPage>
  );
}
