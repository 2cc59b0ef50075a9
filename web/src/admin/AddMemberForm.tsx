import { useTranslation } from 'react-i18next';
import { addMemberBody, shopRole } from '../../../src/contracts/identity.schemas';
import { useErrorText } from '../i18n/errors';
import { useSchemaForm } from '../shell/forms';
import { Field } from '../shell/ui';
import { addMember } from './admin.api';

export function AddMemberForm({ shopId, onAdded }: { shopId: string; onAdded: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { pending, error, invalid, onSubmit } = useSchemaForm(addMemberBody, async (data) => {
    await addMember(shopId, data);
    onAdded();
  });

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
