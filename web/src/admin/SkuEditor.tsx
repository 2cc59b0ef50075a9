import { useTranslation } from 'react-i18next';

export interface OptionDraft {
  name: string;
  values: string;
}

/** The options a merchant typed ("颜色" + "红, 蓝"), cleaned: empty ones dropped, values split. */
export function parseOptions(drafts: readonly OptionDraft[]): { name: string; values: string[] }[] {
  return drafts
    .map((d) => ({ name: d.name.trim(), values: [...new Set(d.values.split(/[,，、\s]+/).map((v) => v.trim()).filter(Boolean))] }))
    .filter((o) => o.name !== '' && o.values.length > 0);
}

/** Every combination of one value per option, in option order: the SKUs to price. */
export function combinations(options: readonly { name: string; values: string[] }[]): Record<string, string>[] {
  return options.reduce<Record<string, string>[]>(
    (acc, o) => acc.flatMap((combo) => o.values.map((v) => ({ ...combo, [o.name]: v }))),
    options.length > 0 ? [{}] : [],
  );
}

/**
 * Options (up to two here, e.g. colour × size) and a grid with a price and stock per SKU.
 * Inputs are named sku-price-N / sku-stock-N so the form reads them with the rest.
 */
/** The key of a combination, for matching a product's existing SKUs to the grid's rows. */
export const comboKey = (combo: Record<string, string>) => JSON.stringify(Object.entries(combo).sort());

export function SkuEditor({ drafts, onChange, existing, first }: {
  drafts: OptionDraft[];
  onChange: (d: OptionDraft[]) => void;
  /** Prices (yuan text) and stock of SKUs the product already has, by comboKey. */
  existing?: ReadonlyMap<string, { price: string; stock: number }>;
  /** The price and stock typed before any option: they become the first SKU's. */
  first?: { price: string; stock: string };
}) {
  const { t } = useTranslation();
  const options = parseOptions(drafts);
  const combos = combinations(options);
  const set = (index: number, patch: Partial<OptionDraft>) => onChange(drafts.map((d, j) => (j === index ? { ...d, ...patch } : d)));
  return (
    <fieldset className="skus">
      <legend>{t('catalog.skus')}</legend>
      {drafts.map((d, i) => (
        <div className="form-row" key={i}>
          <label className="field">
            <span className="field-label">{t('catalog.optionName', { n: i + 1 })}</span>
            <input name={`option-name-${i}`} value={d.name} placeholder={i === 0 ? t('catalog.optionNameColour') : t('catalog.optionNameSize')}
              onChange={(e) => set(i, { name: e.target.value })} maxLength={30} />
          </label>
          <label className="field skus-values">
            <span className="field-label">{t('catalog.optionValues')}</span>
            <input name={`option-values-${i}`} value={d.values} placeholder={i === 0 ? t('catalog.optionValuesColour') : 'S, M, L'}
              onChange={(e) => set(i, { values: e.target.value })} />
          </label>
        </div>
      ))}
      {combos.length > 0 && (
        <table className="skus-grid">
          <thead>
            <tr>
              <th>{t('catalog.sku')}</th>
              <th className="num">{t('admin.products.priceYuan')}</th>
              <th className="num">{t('admin.products.stock')}</th>
            </tr>
          </thead>
          <tbody>
            {combos.map((combo, i) => (
              <tr key={Object.values(combo).join('/')} data-sku={Object.values(combo).join('/')}>
                <td>{Object.values(combo).join(' / ')}</td>
                <td className="num"><input name={`sku-price-${i}`} inputMode="decimal" placeholder="99.00" defaultValue={existing?.get(comboKey(combo))?.price ?? (i === 0 ? first?.price : undefined)}
                  aria-label={t('catalog.skuPrice', { sku: Object.values(combo).join(' / ') })} /></td>
                <td className="num"><input name={`sku-stock-${i}`} inputMode="numeric" defaultValue={String(existing?.get(comboKey(combo))?.stock ?? (i === 0 && first?.stock ? first.stock : 0))}
                  aria-label={t('catalog.skuStock', { sku: Object.values(combo).join(' / ') })} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </fieldset>
  );
}
