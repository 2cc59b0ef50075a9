import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createShopBody } from '../../../src/contracts/identity.schemas';
import { useErrorText } from '../i18n/errors';
import { checkForm, formValues, useSubmit } from './forms';
import { createShop } from './session.api';
import { useSession } from './session';
import { Field } from './ui';

export function CreateShopForm() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { refresh, selectShop } = useSession();
  const { pending, error, run } = useSubmit();
  const [invalid, setInvalid] = useState<ReadonlySet<string>>(new Set());

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const check = checkForm(createShopBody, formValues(form));
    setInvalid(check.ok ? new Set() : check.invalid);
    if (!check.ok) return;
    void run(async () => {
      const shop = await createShop(check.data);
      selectShop(shop.id);
      await refresh();
      form.reset();
    });
  };

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
