import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createRoomBody } from '../../../src/contracts/live.schemas';
import { useErrorText } from '../i18n/errors';
import { checkForm, formValues, useSubmit } from '../shell/forms';
import { Field } from '../shell/ui';
import { createRoom } from './studio.api';

export function CreateRoomForm({ shopId, onCreated }: { shopId: string; onCreated: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { pending, error, run } = useSubmit();
  const [invalid, setInvalid] = useState<ReadonlySet<string>>(new Set());

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const check = checkForm(createRoomBody, formValues(form));
    setInvalid(check.ok ? new Set() : check.invalid);
    if (!check.ok) return;
    void run(async () => {
      await createRoom(shopId, check.data);
      form.reset();
      onCreated();
    });
  };

  return (
    <form className="form-row" onSubmit={onSubmit} noValidate>
      <Field label={t('studio.roomTitle')} name="title" required maxLength={80}
        invalid={invalid.has('title') ? t('form.invalid.title') : undefined} />
      <Field label={t('studio.roomSlug')} name="slug" required maxLength={40} autoCapitalize="none" spellCheck={false}
        placeholder="spring-launch" invalid={invalid.has('slug') ? t('form.invalid.slug') : undefined} />
      <button type="submit" disabled={pending}>
        {t('studio.createRoomSubmit')}
      </button>
      {error !== null && <p className="form-error" role="alert">{errorText(error)}</p>}
    </form>
  );
}
