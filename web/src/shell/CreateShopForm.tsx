import { useTranslation } from 'react-i18next';
import { createShopBody } from '../../../src/contracts/identity.schemas';
import { useErrorText } from '../i18n/errors';
import { useSchemaForm } from './forms';
import { createShop } from './session.api';
import { useSession } from './session';
import { Field } from './ui';

export function CreateShopForm() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { refresh, selectShop } = useSession();
  const { pending, error, invalid, onSubmit } = useSchemaForm(createShopBody, async (data) => {
    const shop = await createShop(data);
    selectShop(shop.id);
    await refresh();
  });

  return (
    <form className="form-row" onSubmit={onSubmit} noValidate>
      <Field label={t('home.shopName')} name="name" required maxLength={80}
        invalid={invalid.has('name') ? t('form.invalid.name') : undefined} />
      <Field label={t('home.shopSlug')} name="slug" required maxLength={40} autoCapitalize="none" spellCheck={false}
        placeholder="my-shop" invalid={invalid.has('slug') ? t('form.invalid.slug') : undefined} />
      <button type="submit" disabled={pending}>
        {t('home.createShopSubmit')}
      </button>
      {error !== null && <p className="form-error" role="alert">{errorText(error)}</p>}
    </form>
  );
}
