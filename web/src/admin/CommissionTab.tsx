import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { marketplaces, type Marketplace } from '../../../src/contracts/links.schemas';
import { useResource } from '../api/use-resource';
import { useErrorText } from '../i18n/errors';
import { formValues, useSubmit } from '../shell/forms';
import { ErrorNotice, Field, Loading } from '../shell/ui';
import { useAdminShop } from './AdminPage';
import { formatPercent, getCommissionRates, parsePercent, setCommissionRates } from './catalog.api';

/** /admin/commission — default commission rates for own goods and each marketplace. */
export function CommissionTab() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { shop } = useAdminShop();
  const [rates, reload] = useResource((signal) => getCommissionRates(shop.id, signal), [shop.id]);
  const { pending, error, run } = useSubmit();
  const [invalid, setInvalid] = useState<ReadonlySet<string>>(new Set());
  const [saved, setSaved] = useState(false);

  if (rates.status === 'loading') return <Loading />;
  if (rates.status === 'error') return <ErrorNotice error={rates.error} onRetry={reload} />;

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    const bad = new Set<string>();
    const read = (name: string) => {
      const bp = parsePercent(v[name] ?? '');
      if (bp === null) bad.add(name);
      return bp ?? 0;
    };
    const own = read('own');
    const byMarket = Object.fromEntries(marketplaces.map((m) => [m, read(m)])) as Record<Marketplace, number>;
    setInvalid(bad);
    setSaved(false);
    if (bad.size > 0) return;
    void run(async () => {
      await setCommissionRates(shop.id, { own, marketplaces: byMarket });
      setSaved(true);
      reload();
    });
  };

  const percent = (bp: number) => formatPercent(bp).replace('%', '');
  return (
    <section className="card">
      <h2>{t('commission.title')}</h2>
      <p className="muted">{t('commission.help')}</p>
      <form className="commission-grid" onSubmit={onSubmit} noValidate>
        <Field label={t('commission.own')} name="own" defaultValue={percent(rates.data.own)} inputMode="decimal"
          invalid={invalid.has('own') ? t('listings.invalidPercent') : undefined} />
        {marketplaces.map((m) => (
          <Field key={m} label={t(`links.marketplaces.${m}`)} name={m} defaultValue={percent(rates.data.marketplaces[m])} inputMode="decimal"
            invalid={invalid.has(m) ? t('listings.invalidPercent') : undefined} />
        ))}
        <div className="actions">
          <button type="submit" disabled={pending}>{t('commission.save')}</button>
          {saved && <span role="status">{t('commission.saved')}</span>}
        </div>
        {error !== null && <p className="form-error" role="alert">{errorText(error)}</p>}
      </form>
    </section>
  );
}
