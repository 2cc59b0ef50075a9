import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { addMemberBody, shopRole } from '../../../src/contracts/identity.schemas';
import { useErrorText } from '../i18n/errors';
import { checkForm, formValues, useSubmit } from '../shell/forms';
import { Field } from '../shell/ui';
import { addMember } from './admin.api';

export function AddMemberForm({ shopId, onAdded }: { shopId: string; onAdded: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { pending, error, run } = useSubmit();
  const [invalid, setInvalid] = useState<ReadonlySet<string>>(new Set());

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const check = checkForm(addMemberBody, formValues(form));
    setInvalid(check.ok ? new Set() : check.invalid);
    if (!check.ok) return;
    void run(async () => {
      await addMember(shopId, check.data);
      form.reset();
      onAdded();
    });
  };

  return (
    <form className="form-row" onSubmit={onSubmit} noValidate>
      <Field label={t('auth.email')} name="email" type="email" required
        invalid={invalid.has('email') ? t('form.invalid.email') : undefined} />
      <label className="field">
        <span className="field-label">{t('admin.members.role')}</span>
        <select name="role" defaultValue="staff">
          {shopRole.options.map((role) => (
            <option key={role} value={role}>
              {t(`roles.${role}`)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={pending}>
        {t('admin.members.addSubmit')}
      </button>
      {error !== null && <p className="form-error" role="alert">{errorText(error)}</p>}
    </form>
  );
}
