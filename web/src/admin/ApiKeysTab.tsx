import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { apiKey } from '../../../src/contracts/identity.schemas';
import { usePages } from '../api/use-pages';
import { useErrorText } from '../i18n/errors';
import { useFormat } from '../shell/format';
import { useSubmit } from '../shell/forms';
import { ErrorNotice, Loading, MoreButton, Table } from '../shell/ui';
import { useAdminShop } from './AdminPage';
import { CreateApiKeyForm } from './CreateApiKeyForm';
import { SecretOnce } from './SecretOnce';
import { listApiKeys, revokeApiKey } from './admin.api';
import { scopeKey } from './scope-labels';

type ApiKey = z.output<typeof apiKey>;

/**
 * Keys let a partner's program call the API for this shop. Only owners see and manage them
 * (the server's `apiKeys.manage`): a key acts for the whole shop.
 */
export function ApiKeysTab() {
  const { t } = useTranslation();
  const { shop, role } = useAdminShop();
  if (role !== 'owner') {
    return (
      <section className="card">
        <h2>{t('admin.apiKeys.title')}</h2>
        <p className="muted">{t('admin.apiKeys.ownersOnly')}</p>
      </section>
    );
  }
  return <OwnerApiKeys shopId={shop.id} />;
}

function OwnerApiKeys({ shopId }: { shopId: string }) {
  const { t } = useTranslation();
  const pages = usePages((after, signal) => listApiKeys(shopId, after, signal), [shopId]);
  const { list: keys, reload } = pages;
  // Held only in memory, shown once; leaving the tab forgets it.
  const [secret, setSecret] = useState<{ name: string; value: string } | null>(null);

  return (
    <div className="stack">
      {secret && <SecretOnce name={secret.name} secret={secret.value} onDone={() => setSecret(null)} />}
      <section className="card">
        <h2>{t('admin.apiKeys.title')}</h2>
        <p className="muted">{t('admin.apiKeys.explain')}</p>
        {keys.status === 'loading' && <Loading />}
        {keys.status === 'error' && <ErrorNotice error={keys.error} onRetry={reload} />}
        {keys.status === 'ok' &&
          (keys.data.length === 0 ? (
            <p className="muted">{t('admin.apiKeys.empty')}</p>
          ) : (
            <Table
              head={[t('admin.apiKeys.name'), t('admin.apiKeys.prefix'), t('admin.apiKeys.scopes'), t('admin.apiKeys.ratePerMinute'), t('common.createdAt'), t('admin.apiKeys.lastUsed'), t('admin.apiKeys.status'), '']}
            >
              {keys.data.map((key) => (
                <ApiKeyRow key={key.id} shopId={shopId} apiKey={key} onRevoked={reload} />
              ))}
            </Table>
          ))}
        <MoreButton pages={pages} />
      </section>
      <section className="card">
        <h2>{t('admin.apiKeys.create')}</h2>
        <CreateApiKeyForm
          shopId={shopId}
          onCreated={(name, value) => {
            setSecret({ name, value });
            reload();
          }}
        />
      </section>
    </div>
  );
}

interface ApiKeyRowProps {
  shopId: string;
  apiKey: ApiKey;
  onRevoked: () => void;
}

function ApiKeyRow({ shopId, apiKey, onRevoked }: ApiKeyRowProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const errorText = useErrorText();
  const { pending, error, run } = useSubmit();
  const revoked = apiKey.revokedAt !== null;

  const revoke = () => {
    if (!window.confirm(t('admin.apiKeys.revokeConfirm', { name: apiKey.name }))) return;
    void run(async () => {
      await revokeApiKey(shopId, apiKey.id);
      onRevoked();
    });
  };

  return (
    <tr className={revoked ? 'row-muted' : undefined}>
      <td>{apiKey.name}</td>
      <td className="mono">{apiKey.prefix}…</td>
      <td>
        <ul className="scope-list">
          {apiKey.scopes.map((scope) => (
            <li key={scope} title={t(scopeKey(scope))}>
              <code>{scope}</code>
            </li>
          ))}
        </ul>
      </td>
      <td className="num">{t('admin.apiKeys.rate', { count: apiKey.ratePerMinute })}</td>
      <td>{format.dateTime(apiKey.createdAt)}</td>
      <td>{apiKey.lastUsedAt ? format.dateTime(apiKey.lastUsedAt) : t('admin.apiKeys.never')}</td>
      <td>{revoked ? t('admin.apiKeys.revoked') : t('admin.apiKeys.active')}</td>
      <td className="row-actions">
        {!revoked && (
          <button type="button" className="button-danger button-small" disabled={pending} onClick={revoke}>
            {t('admin.apiKeys.revoke')}
          </button>
        )}
        {error !== null && <span className="field-invalid" role="alert">{errorText(error)}</span>}
      </td>
    </tr>
  );
}
