import { useTranslation } from 'react-i18next';
import { createRoomBody } from '../../../src/contracts/live.schemas';
import { useErrorText } from '../i18n/errors';
import { useSchemaForm } from '../shell/forms';
import { Field } from '../shell/ui';
import { createRoom } from './studio.api';

export function CreateRoomForm({ shopId, onCreated }: { shopId: string; onCreated: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { pending, error, invalid, onSubmit } = useSchemaForm(createRoomBody, async (data) => {
    await createRoom(shopId, data);
    onCreated();
  });

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
