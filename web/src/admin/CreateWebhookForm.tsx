import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createWebhookBody, webhookEventTypes, type WebhookEventType } from '../../../src/contracts/webhooks.schemas';
import { useErrorText } from '../i18n/errors';
import { useSchemaForm } from '../shell/forms';
import { Field } from '../shell/ui';
import { createWebhook } from './webhooks.api';

interface Props {
  shopId: string;
  /** Receives the endpoint's address and signing secret, to show. */
  onCreated: (url: string, secret: string) => void;
}

/** Subscribes an address to events; the form is checked with the server's own schema before sending. */
export function CreateWebhookForm({ shopId, onCreated }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [events, setEvents] = useState<ReadonlySet<WebhookEventType>>(new Set(['order.paid']));
  const { pending, error, invalid, onSubmit } = useSchemaForm(
    createWebhookBody,
    async (data) => {
      const created = await createWebhook(shopId, data);
      onCreated(created.webhook.url, created.secret);
    },
    ({ description, ...values }) => ({ ...values, description: description || undefined, eventTypes: webhookEventTypes.filter((e) => events.has(e)) }),
  );
  const toggle = (type: WebhookEventType, on: boolean) =>
    setEvents((old) => {
      const next = new Set(old);
      if (on) next.add(type);
      else next.delete(type);
      return next;
    });

  return (
    <form className="stack" onSubmit={onSubmit} noValidate>
      <div className="form-row">
        <Field label={t('admin.webhooks.url')} name="url" type="url" required maxLength={2000} placeholder={t('admin.webhooks.urlPlaceholder')}
          invalid={invalid.has('url') ? t('admin.webhooks.invalidUrl') : undefined} />
        <Field label={t('admin.webhooks.description')} name="description" maxLength={200} invalid={invalid.has('description') ? t('form.invalid.name') : undefined} />
      </div>
      <fieldset className="scopes" aria-invalid={invalid.has('eventTypes') ? true : undefined}>
        <legend>{t('admin.webhooks.events')}</legend>
        {webhookEventTypes.map((type) => (
          <label key={type} className="scope-choice">
            <input type="checkbox" checked={events.has(type)} onChange={(e) => toggle(type, e.currentTarget.checked)} />
            <span>{t(`admin.webhooks.eventType.${type}`)}</span> <code className="muted">{type}</code>
          </label>
        ))}
        {invalid.has('eventTypes') && <span className="field-invalid">{t('admin.webhooks.chooseEvents')}</span>}
      </fieldset>
      <div>
        <button type="submit" disabled={pending}>
          {t('admin.webhooks.createSubmit')}
        </button>
      </div>
      {error !== null && <p className="form-error" role="alert">{errorText(error)}</p>}
    </form>
  );
}
