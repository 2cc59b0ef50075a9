import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { embedOrigin, MAX_EMBED_ORIGINS } from '../../../src/contracts/embed.schemas';
import { useResource } from '../api/use-resource';
import { useErrorText } from '../i18n/errors';
import { useSubmit } from '../shell/forms';
import { ErrorNotice, Field, Loading } from '../shell/ui';
import { listRooms } from '../studio/studio.api';
import { useAdminShop } from './AdminPage';
import { getEmbedOrigins, saveEmbedOrigins } from './admin.api';

/**
 * /admin/embed — the websites (origins) allowed to show this shop's rooms, and the one tag they
 * paste. Any member sees the list; only owners change it (the server's `rooms.write`). Each change
 * saves the whole list at once: there is no half-saved state to lose.
 */
export function EmbedTab() {
  const { t } = useTranslation();
  const { shop, role } = useAdminShop();
  const [origins, reload] = useResource((signal) => getEmbedOrigins(shop.id, signal), [shop.id]);
  const [saved, setSaved] = useState<string[] | null>(null);
  const list = saved ?? (origins.status === 'ok' ? origins.data : []);
  const owner = role === 'owner';

  return (
    <div className="stack">
      <section className="card">
        <h2>{t('admin.embed.title')}</h2>
        <p className="muted">{t('admin.embed.explain')}</p>
        {origins.status === 'loading' && <Loading />}
        {origins.status === 'error' && <ErrorNotice error={origins.error} onRetry={reload} />}
        {origins.status === 'ok' && (
          <>
            {list.length === 0 ? (
              <p className="muted" data-testid="embed-origins-empty">{t('admin.embed.empty')}</p>
            ) : (
              <ul className="embed-origins" aria-label={t('admin.embed.title')}>
                {list.map((origin) => (
                  <OriginRow key={origin} shopId={shop.id} origin={origin} list={list} editable={owner} onSaved={setSaved} />
                ))}
              </ul>
            )}
            {owner ? <AddOrigin shopId={shop.id} list={list} onSaved={setSaved} /> : <p className="muted">{t('admin.embed.ownersOnly')}</p>}
          </>
        )}
      </section>
      <EmbedSnippet shopId={shop.id} />
    </div>
  );
}

function OriginRow(p: { shopId: string; origin: string; list: string[]; editable: boolean; onSaved: (list: string[]) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { pending, error, run } = useSubmit();
  const remove = () => {
    if (!window.confirm(t('admin.embed.removeConfirm', { origin: p.origin }))) return;
    void run(async () => p.onSaved(await saveEmbedOrigins(p.shopId, p.list.filter((o) => o !== p.origin))));
  };
  return (
    <li className="embed-origin">
      <code className="mono">{p.origin}</code>
      {p.editable && (
        <button type="button" className="button-danger button-small" disabled={pending} onClick={remove}>
          {t('admin.embed.remove')}
        </button>
      )}
      {error !== null && <span className="field-invalid" role="alert">{errorText(error)}</span>}
    </li>
  );
}

function AddOrigin({ shopId, list, onSaved }: { shopId: string; list: string[]; onSaved: (list: string[]) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { pending, error, run } = useSubmit();
  const [invalid, setInvalid] = useState(false);
  const full = list.length >= MAX_EMBED_ORIGINS;

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const parsed = embedOrigin.safeParse(String(new FormData(form).get('origin') ?? ''));
    setInvalid(!parsed.success);
    if (!parsed.success) return;
    void run(async () => {
      onSaved(await saveEmbedOrigins(shopId, [...list, parsed.data]));
      form.reset();
    });
  };

  return (
    <form className="form-row" onSubmit={onSubmit} noValidate>
      <Field label={t('admin.embed.origin')} name="origin" required maxLength={200} placeholder="https://partner.example" disabled={full}
        invalid={invalid ? t('admin.embed.originInvalid') : full ? t('admin.embed.full', { n: MAX_EMBED_ORIGINS }) : undefined} />
      <button type="submit" disabled={pending || full}>
        {t('admin.embed.add')}
      </button>
      {error !== null && <p className="form-error" role="alert">{errorText(error)}</p>}
    </form>
  );
}

/** The tag to paste, for the shop's first room (any room's slug works the same). */
function EmbedSnippet({ shopId }: { shopId: string }) {
  const { t } = useTranslation();
  const [rooms] = useResource((signal) => listRooms(shopId, undefined, signal), [shopId]);
  const slug = rooms.status === 'ok' ? (rooms.data.items[0]?.slug ?? 'ROOM') : 'ROOM';
  const base = location.origin;
  return (
    <section className="card">
      <h2>{t('admin.embed.snippetTitle')}</h2>
      <p className="muted">{t('admin.embed.snippetExplain')}</p>
      <pre className="embed-snippet" data-testid="embed-snippet">{`<script src="${base}/embed.js" async></script>\n<hutong-live room="${slug}"></hutong-live>`}</pre>
      <p className="muted">{t('admin.embed.iframeExplain')}</p>
      <pre className="embed-snippet">{`<iframe src="${base}/embed/${slug}" allow="autoplay; fullscreen" style="border:0;width:390px;height:720px"></iframe>`}</pre>
    </section>
  );
}
