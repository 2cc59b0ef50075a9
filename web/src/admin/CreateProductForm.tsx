import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createProductBody } from '../../../src/contracts/catalog.schemas';
import { useErrorText } from '../i18n/errors';
import { checkForm, formValues, useSubmit } from '../shell/forms';
import { parseMajorUnits } from '../shell/format';
import { Field } from '../shell/ui';
import { createProduct } from './admin.api';

const currency = 'CNY'; // One currency until shops choose theirs.

export function CreateProductForm({ shopId, onCreated }: { shopId: string; onCreated: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { pending, error, run } = useSubmit();
  const [invalid, setInvalid] = useState<ReadonlySet<string>>(new Set());

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const values = formValues(form);
    // The price is typed in yuan and sent in fen; a value that is not an amount fails the schema.
    const priceMinor = parseMajorUnits(values.price ?? '', currency) ?? Number.NaN;
    const stock = /^\d+$/.test(values.stock?.trim() ?? '') ? Number(values.stock) : Number.NaN;
    const check = checkForm(createProductBody, { title: values.title, priceMinor, currency, stock });
    setInvalid(check.ok ? new Set() : check.invalid);
    if (!check.ok) return;
    void run(async () => {
      await createProduct(shopId, check.data);
      form.reset();
      onCreated();
    });
  };

  return (
    <form className="form-row" onSubmit={onSubmit} noValidate>
      <Field label={t('admin.products.name')} name="title" required maxLength={120}
        invalid={invalid.has('title') ? t('form.invalid.title') : undefined} />
      <Field label={t('admin.products.priceYuan')} name="price" inputMode="decimal" required placeholder="99.00"
        invalid={invalid.has('priceMinor') ? t('form.invalid.price') : undefined} />
      <Field label={t('admin.products.stock')} name="stock" inputMode="numeric" required defaultValue="0"
        invalid={invalid.has('stock') ? t('form.invalid.stock') : undefined} />
      <button type="submit" disabled={pending}>
        {t('admin.products.createSubmit')}
      </button>
      {error !== null && <p className="form-error" role="alert">{errorText(error)}</p>}
    </form>
  );
}
