import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiKeyScopes, createApiKeyBody, type ApiKeyScope } from '../../../src/contracts/identity.schemas';
import { useErrorText } from '../i18n/errors';
import { useSchemaForm } from '../shell/forms';
import { Field } from '../shell/ui';
import { createApiKey } from './admin.api';
import { scopeKey } from './scope-labels';

interface Props {
  shopId: string;
  /** Receives the secret; the caller shows it once and then lets it go. */
  onCreated: (name: string, secret: string) => void;
}

/** Reading is the safe default; anything that writes is ticked on purpose. */
const READ_SCOPES: readonly ApiKeyScope[] = ['catalog:read', 'live:read', 'sales:read'];

export function CreateApiKeyForm({ shopId, onCreated }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [scopes, setScopes] = useState<ReadonlySet<ApiKeyScope>>(new Set(READ_SCOPES));
  const { pending, error, invalid, onSubmit } = useSchemaForm(
    createApiKeyBody,
    async (data) => {
      const created = await createApiKey(shopId, data);
      onCreated(created.apiKey.name, created.secret);
    },
    ({ ratePerMinute, ...values }) => ({
      ...values,
      scopes: apiKeyScopes.filter((s) => scopes.has(s)),
      ratePerMinute: ratePerMinute ? Number(ratePerMinute) : undefined,
    }),
  );
  const toggle = (scope: ApiKeyScope, on: boolean) =>
    setScopes((old) => {
      const next = new Set(old);
      if (on) next.add(scope);
      else next.delete(scope);
      return next;
    });

  return (
    <form className="stack" onSubmit={onSubmit} noValidate>
      <div className="form-row">
        <Field label={t('admin.apiKeys.name')} name="name" required maxLength={60} placeholder={t('admin.apiKeys.namePlaceholder')}
          invalid={invalid.has('name') ? t('form.invalid.name') : undefined} />
        <Field label={t('admin.apiKeys.ratePerMinute')} name="ratePerMinute" type="number" min={1} max={100000} inputMode="numeric"
          placeholder={t('admin.apiKeys.ratePlaceholder')} invalid={invalid.has('ratePerMinute') ? t('form.invalid.name') : undefined} />
      </div>
      <fieldset className="scopes" aria-invalid={invalid.has('scopes') ? true : undefined}>
        <legend>{t('admin.apiKeys.scopes')}</legend>
        <p className="muted">{t('admin.apiKeys.scopesHint')}</p>
        {apiKeyScopes.map((scope) => (
          <label key={scope} className="scope-choice">
            <input type="checkbox" checked={scopes.has(scope)} onChange={(e) => toggle(scope, e.currentTarget.checked)} />
            <span>{t(scopeKey(scope))}</span> <code className="muted">{scope}</code>
          </label>
        ))}
        {invalid.has('scopes') && <span className="field-invalid">{t('admin.apiKeys.noScopes')}</span>}
      </fieldset>
      <div>
        <button type="submit" disabled={pending}>
          {t('admin.apiKeys.createSubmit')}
        </button>
      </div>
      {error !== null && <p className="form-error" role="alert">{errorText(error)}</p>}
    </form>
  );
}
