import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { savedAddressBody } from '../../../../src/contracts/sales-orders.schemas';
import { useResource } from '../../api/use-resource';
import { useErrorText } from '../../i18n/errors';
import { useSchemaForm } from '../../shell/forms';
import { ErrorNotice, Field, Loading } from '../../shell/ui';
import { fetchAddresses, saveAddress } from './buy.api';

/**
 * Where the order goes: one of the buyer's saved addresses (the default first chosen), or a new one
 * typed here and saved for next time. `onChange` gets the chosen address id, or null while none is.
 */
export function AddressPicker({ value, onChange }: { value: string | null; onChange: (id: string | null) => void }) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const [list, reload] = useResource(async (signal) => {
    const addresses = await fetchAddresses(signal);
    const first = addresses.find((a) => a.isDefault) ?? addresses[0];
    if (value === null && first) onChange(first.id);
    return addresses;
  }, []);

  if (list.status === 'loading') return <Loading />;
  if (list.status === 'error') return <ErrorNotice error={list.error} onRetry={reload} />;
  const addresses = list.data;
  const showForm = adding || addresses.length === 0;
  return (
    <fieldset className="buy-address">
      <legend>{t('buy.address')}</legend>
      {addresses.map((a) => (
        <label key={a.id} className="buy-address-option">
          <input type="radio" name="addressId" checked={value === a.id} onChange={() => onChange(a.id)} />
          <span>
            <strong>{a.name}</strong> {a.phone}
            <br />
            <span className="muted">{[a.region, a.city, a.line1].join(' ')}</span>
          </span>
        </label>
      ))}
      {showForm ? (
        <AddressForm
          first={addresses.length === 0}
          onSaved={(id) => {
            setAdding(false);
            onChange(id);
            reload();
          }}
          onCancel={addresses.length > 0 ? () => setAdding(false) : undefined}
        />
      ) : (
        <button type="button" className="button-link" onClick={() => setAdding(true)}>
          {t('buy.addAddress')}
        </button>
      )}
    </fieldset>
  );
}

function AddressForm({ first, onSaved, onCancel }: { first: boolean; onSaved: (id: string) => void; onCancel: (() => void) | undefined }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const form = useSchemaForm(
    savedAddressBody,
    async (data) => onSaved((await saveAddress(data)).id),
    (values) => ({ ...values, isDefault: first || values.isDefault === 'on' }),
  );
  const bad = (name: string) => (form.invalid.has(name) ? t(`buy.invalid.${name}` as 'buy.invalid.name') : undefined);
  return (
    <form className="buy-address-form" onSubmit={form.onSubmit} noValidate>
      <div className="buy-address-grid">
        <Field label={t('buy.fields.name')} name="name" autoComplete="name" invalid={bad('name')} />
        <Field label={t('buy.fields.phone')} name="phone" type="tel" autoComplete="tel" invalid={bad('phone')} />
        <Field label={t('buy.fields.region')} name="region" autoComplete="address-level1" invalid={bad('region')} />
        <Field label={t('buy.fields.city')} name="city" autoComplete="address-level2" invalid={bad('city')} />
      </div>
      <Field label={t('buy.fields.line1')} name="line1" autoComplete="street-address" invalid={bad('line1')} />
      <Field label={t('buy.fields.postcode')} name="postcode" autoComplete="postal-code" invalid={bad('postcode')} />
      {!first && (
        <label className="checkbox">
          <input type="checkbox" name="isDefault" /> {t('buy.fields.isDefault')}
        </label>
      )}
      {form.error !== null && <p role="alert" className="field-invalid">{errorText(form.error)}</p>}
      <div className="buy-row">
        <button type="submit" className="button-secondary" disabled={form.pending}>
          {t('buy.saveAddress')}
        </button>
        {onCancel && (
          <button type="button" className="button-link" onClick={onCancel}>
            {t('buy.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
