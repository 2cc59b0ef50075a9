import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { webhook, webhookDelivery } from '../../../src/contracts/webhooks.schemas';
import { usePages } from '../api/use-pages';
import { useResource } from '../api/use-resource';
import { useErrorText } from '../i18n/errors';
import { useFormat } from '../shell/format';
import { useSubmit } from '../shell/forms';
import { ErrorNotice, Loading, MoreButton, Table } from '../shell/ui';
import { useAdminShop } from './AdminPage';
import { CreateWebhookForm } from './CreateWebhookForm';
import { SecretOnce } from './SecretOnce';
import { getDelivery, listDeliveries, listWebhooks, redeliver, rotateSecret, sendTestEvent, updateWebhook } from './webhooks.api';

type Webhook = z.output<typeof webhook>;
type Delivery = z.output<typeof webhookDelivery>;

/**
 * Webhooks: the shop's endpoints, a form to subscribe one, and for the chosen endpoint its delivery
 * log with each attempt's request and answer, "send test event" and "redeliver". Owners only (the
 * server's `webhooks.manage`).
 */
export function WebhooksTab() {
  const { t } = useTranslation();
  const { shop, role } = useAdminShop();
  if (role !== 'owner') {
    return (
      <section className="card">
        <h2>{t('admin.webhooks.title')}</h2>
        <p className="muted">{t('admin.webhooks.ownersOnly')}</p>
      </section>
    );
  }
  return <OwnerWebhooks shopId={shop.id} />;
}

function OwnerWebhooks({ shopId }: { shopId: string }) {
  const { t } = useTranslation();
  const pages = usePages((after, signal) => listWebhooks(shopId, after, signal), [shopId]);
  const { list: hooks, reload } = pages;
  const [secret, setSecret] = useState<{ name: string; value: string; rotated?: boolean } | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);

  return (
    <div className="stack">
      {secret && (
        <SecretOnce name={secret.name} secret={secret.value} onDone={() => setSecret(null)}
          texts={
            secret.rotated
              ? { title: t('admin.webhooks.rotatedTitle', { url: secret.name }), warning: t('admin.webhooks.rotatedWarning') }
              : { title: t('admin.webhooks.secretTitle', { url: secret.name }), warning: t('admin.webhooks.secretWarning') }
          } />
      )}
      <section className="card">
        <h2>{t('admin.webhooks.title')}</h2>
        <p className="muted">{t('admin.webhooks.explain')}</p>
        {hooks.status === 'loading' && <Loading />}
        {hooks.status === 'error' && <ErrorNotice error={hooks.error} onRetry={reload} />}
        {hooks.status === 'ok' &&
          (hooks.data.length === 0 ? (
            <p className="muted">{t('admin.webhooks.empty')}</p>
          ) : (
            <Table head={[t('admin.webhooks.url'), t('admin.webhooks.events'), t('admin.webhooks.state'), '']}>
              {hooks.data.map((hook) => (
                <WebhookRow key={hook.id} shopId={shopId} hook={hook} chosen={chosen === hook.id} onChoose={() => setChosen(chosen === hook.id ? null : hook.id)} onChanged={reload}
                  onRotated={(value) => {
                    setSecret({ name: hook.url, value, rotated: true });
                    reload();
                  }} />
              ))}
            </Table>
          ))}
        <MoreButton pages={pages} />
      </section>
      {chosen !== null && hooks.status === 'ok' && hooks.data.some((h) => h.id === chosen) && (
        <DeliveryLog shopId={shopId} hook={hooks.data.find((h) => h.id === chosen)!} />
      )}
      <section className="card">
        <h2>{t('admin.webhooks.create')}</h2>
        <CreateWebhookForm
          shopId={shopId}
          onCreated={(url, value) => {
            setSecret({ name: url, value });
            reload();
          }}
        />
      </section>
    </div>
  );
}

function WebhookRow({
  shopId, hook, chosen, onChoose, onChanged, onRotated,
}: { shopId: string; hook: Webhook; chosen: boolean; onChoose: () => void; onChanged: () => void; onRotated: (secret: string) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const errorText = useErrorText();
  const { pending, error, run } = useSubmit();
  const [sent, setSent] = useState(false);
  const enabled = hook.state === 'enabled';
  return (
    <tr className={enabled ? undefined : 'row-muted'}>
      <td className="webhook-url">
        <span className="mono">{hook.url}</span>
        {hook.description && <div className="muted">{hook.description}</div>}
      </td>
      <td>
        <ul className="scope-list">
          {hook.eventTypes.map((type) => (
            <li key={type}>
              <code>{type}</code>
            </li>
          ))}
        </ul>
      </td>
      <td>
        <span>{enabled ? t('admin.webhooks.enabled') : t('admin.webhooks.disabled')}</span>
        {hook.disabledReason && <div className="muted">{hook.disabledReason}</div>}
        {hook.previousSecretExpiresAt && (
          <div className="muted" data-testid="old-secret-until">{t('admin.webhooks.oldSecretUntil', { time: format.dateTime(hook.previousSecretExpiresAt) })}</div>
        )}
      </td>
      <td className="row-actions webhook-actions">
        <button type="button" className="button-small button-secondary" aria-pressed={chosen} onClick={onChoose}>
          {t('admin.webhooks.deliveries')}
        </button>
        <button type="button" className="button-small" disabled={pending}
          onClick={() => void run(async () => { await sendTestEvent(shopId, hook.id); setSent(true); })}>
          {t('admin.webhooks.sendTest')}
        </button>
        <button type="button" className="button-small button-secondary" disabled={pending}
          onClick={() => void run(async () => { await updateWebhook(shopId, hook.id, { enabled: !enabled }); onChanged(); })}>
          {enabled ? t('admin.webhooks.disable') : t('admin.webhooks.enable')}
        </button>
        <button type="button" className="button-small button-secondary" disabled={pending}
          onClick={() => {
            if (!window.confirm(t('admin.webhooks.rotateConfirm'))) return;
            void run(async () => onRotated((await rotateSecret(shopId, hook.id)).secret));
          }}>
          {t('admin.webhooks.rotate')}
        </button>
        {sent && <span className="muted" role="status">{t('admin.webhooks.testSent')}</span>}
        {error !== null && <span className="field-invalid" role="alert">{errorText(error)}</span>}
      </td>
    </tr>
  );
}

function DeliveryLog({ shopId, hook }: { shopId: string; hook: Webhook }) {
  const { t } = useTranslation();
  const pages = usePages((after, signal) => listDeliveries(shopId, hook.id, after, signal), [shopId, hook.id]);
  const { list, reload } = pages;
  const [open, setOpen] = useState<string | null>(null);
  return (
    <section className="card">
      <div className="row-between">
        <h2>{t('admin.webhooks.logTitle', { url: hook.url })}</h2>
        <button type="button" className="button-small button-secondary" onClick={reload}>
          {t('admin.webhooks.refresh')}
        </button>
      </div>
      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <ErrorNotice error={list.error} onRetry={reload} />}
      {list.status === 'ok' &&
        (list.data.length === 0 ? (
          <p className="muted">{t('admin.webhooks.noDeliveries')}</p>
        ) : (
          <Table head={[t('admin.webhooks.event'), t('admin.webhooks.state'), { text: t('admin.webhooks.attempts'), num: true }, { text: t('admin.webhooks.lastStatus'), num: true }, t('common.createdAt'), '']}>
            {list.data.map((d) => (
              <DeliveryRow key={d.id} shopId={shopId} hookId={hook.id} delivery={d} open={open === d.id} onToggle={() => setOpen(open === d.id ? null : d.id)} onRedelivered={reload} />
            ))}
          </Table>
        ))}
      <MoreButton pages={pages} />
    </section>
  );
}

function DeliveryRow(props: { shopId: string; hookId: string; delivery: Delivery; open: boolean; onToggle: () => void; onRedelivered: () => void }) {
  const { shopId, hookId, delivery: d, open } = props;
  const { t } = useTranslation();
  const format = useFormat();
  const errorText = useErrorText();
  const { pending, error, run } = useSubmit();
  return (
    <>
      <tr>
        <td><code>{d.eventType}</code></td>
        <td className={`delivery-${d.state}`}>{t(`admin.webhooks.deliveryState.${d.state}`)}</td>
        <td className="num">{d.attempts}</td>
        <td className="num">{d.lastStatus ?? '—'}</td>
        <td>{format.dateTime(d.createdAt)}</td>
        <td className="row-actions">
          <button type="button" className="button-small button-secondary" aria-expanded={open} onClick={props.onToggle}>
            {t('admin.webhooks.details')}
          </button>
          <button type="button" className="button-small" disabled={pending}
            onClick={() => void run(async () => { await redeliver(shopId, hookId, d.id); props.onRedelivered(); })}>
            {t('admin.webhooks.redeliver')}
          </button>
          {error !== null && <span className="field-invalid" role="alert">{errorText(error)}</span>}
        </td>
      </tr>
      {open && (
        <tr>
          <td colSpan={6}>
            <Attempts shopId={shopId} hookId={hookId} deliveryId={d.id} />
          </td>
        </tr>
      )}
    </>
  );
}

function Attempts({ shopId, hookId, deliveryId }: { shopId: string; hookId: string; deliveryId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [detail] = useResource((signal) => getDelivery(shopId, hookId, deliveryId, signal), [shopId, hookId, deliveryId]);
  if (detail.status === 'loading') return <Loading />;
  if (detail.status === 'error') return <ErrorNotice error={detail.error} />;
  if (detail.data.attempts.length === 0) return <p className="muted">{t('admin.webhooks.notYet')}</p>;
  return (
    <ol className="attempts">
      {detail.data.attempts.map((a) => (
        <li key={a.attempt}>
          <p>
            <strong>{t('admin.webhooks.attempt', { n: a.attempt })}</strong> · {format.dateTime(a.at)} · {a.responseStatus ?? a.error} · {a.durationMs} ms
          </p>
          <div className="attempt-io">
            <div>
              <h3>{t('admin.webhooks.request')}</h3>
              <pre>{Object.entries(a.requestHeaders).map(([k, v]) => `${k}: ${v}`).join('\n')}{'\n\n'}{a.requestBody}</pre>
            </div>
            <div>
              <h3>{t('admin.webhooks.response')}</h3>
              <pre>{a.responseStatus === null ? a.error : `${a.responseStatus}\n\n${a.responseBody ?? ''}`}</pre>
            </div>
          </div>
        </li>
      ))}
    </ol>
  );
}
