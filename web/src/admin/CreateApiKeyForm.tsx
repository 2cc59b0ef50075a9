import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createApiKeyBody } from '../../../src/contracts/identity.schemas';
import { useErrorText } from '../i18n/errors';
import { checkForm, formValues, useSubmit } from '../shell/forms';
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
  const { pending, error, run } = useSubmit();
  const [invalid, setInvalid] = useState<ReadonlySet<string>>(new Set());

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const check = checkForm(createApiKeyBody, formValues(form));
    setInvalid(check.ok ? new Set() : check.invalid);
    if (!check.ok) return;
    void run(async () => {
      const created = await createApiKey(shopId, check.data);
      form.reset();
      onCreated(created.apiKey.name, created.secret);
    });
  };

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
