import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { usePages } from '../api/use-pages';
import { useErrorText } from '../i18n/errors';
import { useFormat, parseMajorUnits } from '../shell/format';
import { formValues, useSubmit } from '../shell/forms';
import { ErrorNotice, Field, Loading, MoreButton, Table } from '../shell/ui';
import { useAdminShop } from './AdminPage';
import { ImagePicker, type Uploaded } from './ImagePicker';
import { createListing, deleteListing, formatPercent, listListings, parsePercent, recogniseUrl, updateListing, type RecognisedLink } from './catalog.api';

/** /admin/listings — external listings: paste a URL from any marketplace, hutong recognises it. */
export function ListingsTab() {
  const { t } = useTranslation();
  const format = useFormat();
  const { shop } = useAdminShop();
  const pages = usePages((after, signal) => listListings(shop.id, after, signal), [shop.id]);
  const { list: listings, reload } = pages;
  const { pending, error, run } = useSubmit();
  const errorText = useErrorText();

  return (
    <div className="stack">
      <section className="card">
        <h2>{t('listings.create')}</h2>
        <CreateListingForm shopId={shop.id} onCreated={reload} />
      </section>
      <section className="card">
        <h2>{t('listings.title')}</h2>
        {error !== null && <p className="form-error" role="alert">{errorText(error)}</p>}
        {listings.status === 'loading' && <Loading />}
        {listings.status === 'error' && <ErrorNotice error={listings.error} onRetry={reload} />}
        {listings.status === 'ok' &&
          (listings.data.length === 0 ? (
            <p className="muted">{t('listings.empty')}</p>
          ) : (
            <Table head={[t('listings.name'), t('listings.marketplace'), { text: t('listings.price'), num: true }, { text: t('listings.commission'), num: true }, t('listings.canonical'), '']}>
              {listings.data.map((l) => (
                <tr key={l.id} data-listing-id={l.id} className={l.enabled ? undefined : 'listings-disabled'}>
                  <td className="catalog-name">
                    {l.image ? <img className="catalog-thumb" src={l.image.url} alt="" /> : <span className="catalog-thumb catalog-thumb-empty" aria-hidden="true">{Array.from(l.title)[0]}</span>}
                    {l.title}
                  </td>
                  <td>
                    <span className={`roomcart-market roomcart-market-${l.marketplace}`}>{t(`links.marketplaces.${l.marketplace}`)}</span>
                    {l.itemId && <span className="mono muted"> {l.itemId}</span>}
                  </td>
                  <td className="num">{l.priceMinor !== null ? format.money(l.priceMinor, l.currency) : '—'}</td>
                  <td className="num">
                    {formatPercent(l.effectiveCommissionRateBp)}
                    {l.commissionRateBp === null && <span className="muted"> {t('listings.default')}</span>}
                  </td>
                  <td className="mono listings-url">{l.canonicalUrl}</td>
                  <td className="listings-actions">
                    <button type="button" className="button-secondary button-small" disabled={pending}
                      onClick={() => void run(async () => { await updateListing(shop.id, l.id, { enabled: !l.enabled }); reload(); })}>
                      {l.enabled ? t('listings.disable') : t('listings.enable')}
                    </button>
                    <button type="button" className="button-danger button-small" disabled={pending}
                      onClick={() => void run(async () => { await deleteListing(shop.id, l.id); reload(); })}>
                      {t('listings.delete')}
                    </button>
                  </td>
                </tr>
              ))}
            </Table>
          ))}
        <MoreButton pages={pages} />
      </section>
    </div>
  );
}

/** What hutong made of the pasted URL, as the merchant types (recognised on the server, never fetched). */
function useRecognised(shopId: string, url: string) {
  const [state, setState] = useState<{ link?: RecognisedLink; error?: unknown }>({});
  useEffect(() => {
    if (url.trim() === '') return setState({});
    let current = true;
    const timer = setTimeout(() => {
      recogniseUrl(shopId, url).then(
        (link) => current && setState({ link }),
        (error: unknown) => current && setState({ error }),
      );
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [shopId, url]);
  return state;
}

function CreateListingForm({ shopId, onCreated }: { shopId: string; onCreated: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [url, setUrl] = useState('');
  const seen = useRecognised(shopId, url);
  const [image, setImage] = useState<Uploaded[]>([]);
  const { pending, error, run } = useSubmit();
  const [invalid, setInvalid] = useState<ReadonlySet<string>>(new Set());

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const v = formValues(form);
    const bad = new Set<string>();
    const priceMinor = v.price?.trim() ? parseMajorUnits(v.price, 'CNY') : null;
    if (v.price?.trim() && priceMinor === null) bad.add('price');
    const commission = v.commission?.trim() ? parsePercent(v.commission) : null;
    if (v.commission?.trim() && commission === null) bad.add('commission');
    if (!v.title?.trim()) bad.add('title');
    setInvalid(bad);
    if (bad.size > 0) return;
    void run(async () => {
      await createListing(shopId, { url, title: v.title!.trim(), priceMinor, commissionRateBp: commission, imageId: image[0]?.id ?? null });
      form.reset();
      setUrl('');
      setImage([]);
      onCreated();
    });
  };

  return (
    <form className="stack listings-form" onSubmit={onSubmit} noValidate>
      <label className="field">
        <span className="field-label">{t('listings.url')}</span>
        <input name="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://item.taobao.com/item.htm?id=…" autoComplete="off" />
      </label>
      <div className="listings-recognised" aria-live="polite" data-testid="recognised">
        {seen.link && (
          <>
            <span className={`roomcart-market roomcart-market-${seen.link.marketplace}`}>{t(`links.marketplaces.${seen.link.marketplace}`)}</span>
            {seen.link.itemId && <span>{t('listings.itemId', { id: seen.link.itemId })}</span>}
            {seen.link.short && <span className="muted">{t('listings.shortLink')}</span>}
            {seen.link.idnHost && <span className="text-warn">{t('listings.idnWarning')}</span>}
            <span className="mono listings-url">{seen.link.canonicalUrl}</span>
          </>
        )}
        {seen.error !== undefined && <span className="form-error">{errorText(seen.error)}</span>}
      </div>
      <div className="form-row">
        <Field label={t('listings.name')} name="title" maxLength={120} invalid={invalid.has('title') ? t('form.invalid.title') : undefined} />
        <Field label={t('listings.priceYuan')} name="price" inputMode="decimal" placeholder="99.00" invalid={invalid.has('price') ? t('form.invalid.price') : undefined} />
        <Field label={t('listings.commissionPercent')} name="commission" inputMode="decimal" placeholder={t('listings.useDefault')}
          invalid={invalid.has('commission') ? t('listings.invalidPercent') : undefined} />
        <button type="submit" disabled={pending || !seen.link}>{t('listings.createSubmit')}</button>
      </div>
      <ImagePicker shopId={shopId} images={image} onChange={setImage} max={1} />
      {error !== null && <p className="form-error" role="alert">{errorText(error)}</p>}
    </form>
  );
}
