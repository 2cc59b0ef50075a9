import { useTranslation } from 'react-i18next';
import { createApiKeyBody } from '../../../src/contracts/identity.schemas';
import { useErrorText } from '../i18n/errors';
import { useSchemaForm } from '../shell/forms';
import { Field } from '../shell/ui';
import { createApiKey } from './admin.api';

interface Props {
  shopId: string;
  /** Receives the secret; the caller shows it once and then lets it go. */
  onCreated: (name: string, secret: string) => void;
}

export function CreateApiKeyForm({ shopId, onCreated }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { pending, error, invalid, onSubmit } = useSchemaForm(createApiKeyBody, async (data) => {
    const created = await createApiKey(shopId, data);
    onCreated(created.apiKey.name, created.secret);
  });

  return (
    <form className="form-row" onSubmit={onSubmit} noValidate>
      <Field label={t('admin.apiKeys.name')} name="name" required maxLength={60} placeholder={t('admin.apiKeys.namePlaceholder')}
        invalid={invalid.has('name') ? t('form.invalid.name') : undefined} />
      <button type="submit" disabled={pending}>
        {t('admin.apiKeys.createSubmit')}
      </button>
      {error !== null && <p className="form-error" role="alert">{errorText(error)}</p>}
    </form>
  );
}
