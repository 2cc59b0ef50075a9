import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createProductBody, type Product } from '../../../src/contracts/catalog.schemas';
import { useErrorText } from '../i18n/errors';
import { checkForm, formValues, useSubmit } from '../shell/forms';
import { parseMajorUnits } from '../shell/format';
import { Field } from '../shell/ui';
import { createProduct } from './admin.api';
import { updateProduct } from './catalog.api';
import { ImagePicker, type Uploaded } from './ImagePicker';
import { comboKey, combinations, parseOptions, SkuEditor, type OptionDraft } from './SkuEditor';

const currency = 'CNY'; // One currency until shops choose theirs.
const noOptions: OptionDraft[] = [{ name: '', values: '' }, { name: '', values: '' }];
const yuan = (minor: number) => (minor / 100).toFixed(2);

function draftsOf(product: Product | undefined): OptionDraft[] {
  if (!product || product.options.length === 0) return noOptions;
  const drafts = product.options.map((o) => ({ name: o.name, values: o.values.join(', ') }));
  return drafts.length < 2 ? [...drafts, { name: '', values: '' }] : drafts;
}

/**
 * A product: title, description, pictures, and either one price and stock or SKUs (options such
 * as colour × size, with a price and stock each). With SKUs the server takes the lowest SKU price
 * as the product's price and their stock's sum as its stock. With `product`, it edits that one.
 */
export function CreateProductForm({ shopId, product, onCreated }: { shopId: string; product?: Product; onCreated: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { pending, error, run } = useSubmit();
  const [invalid, setInvalid] = useState<ReadonlySet<string>>(new Set());
  const [images, setImages] = useState<Uploaded[]>(product?.images ?? []);
  const [drafts, setDrafts] = useState<OptionDraft[]>(() => draftsOf(product));
  // Typed before any option is added; kept when the options replace these fields with SKUs.
  const [typed, setTyped] = useState({ price: product ? yuan(product.priceMinor) : '', stock: String(product?.stock ?? 0) });
  const existing = new Map((product?.skus ?? []).map((s) => [comboKey(s.options), { price: yuan(s.priceMinor), stock: s.stock }]));

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const values = formValues(form);
    const options = parseOptions(drafts);
    const skus = combinations(options).map((combo, i) => ({
      options: combo,
      priceMinor: parseMajorUnits(values[`sku-price-${i}`] ?? '', currency) ?? Number.NaN,
      stock: /^\d+$/.test(values[`sku-stock-${i}`]?.trim() ?? '') ? Number(values[`sku-stock-${i}`]) : Number.NaN,
    }));
    // The price is typed in yuan and sent in fen; a value that is not an amount fails the schema.
    const typedPrice = parseMajorUnits(values.price ?? '', currency);
    const priceMinor = skus.length > 0 ? (Math.min(...skus.map((s) => s.priceMinor)) || 0) : (typedPrice ?? Number.NaN);
    const stock = skus.length > 0 ? 0 : /^\d+$/.test(values.stock?.trim() ?? '') ? Number(values.stock) : Number.NaN;
    const check = checkForm(createProductBody, {
      title: values.title, description: values.description ?? '', priceMinor, currency, stock,
      imageIds: images.map((i) => i.id), options, skus,
    });
    setInvalid(check.ok ? new Set() : check.invalid);
    if (!check.ok) return;
    void run(async () => {
      if (product) {
        // With SKUs, price and stock follow them on the server; they are not sent.
        const { priceMinor: p, stock: s, ...rest } = check.data;
        await updateProduct(shopId, product.id, skus.length > 0 ? rest : { ...rest, priceMinor: p, stock: s });
      } else {
        await createProduct(shopId, check.data);
        form.reset();
        setTyped({ price: '', stock: '0' });
        setImages([]);
        setDrafts(noOptions);
      }
      onCreated();
    });
  };

  const hasSkus = parseOptions(drafts).length > 0;
  return (
    <form className="stack" onSubmit={onSubmit} noValidate>
      <div className="form-row">
        <Field label={t('admin.products.name')} name="title" required maxLength={120} defaultValue={product?.title}
          invalid={invalid.has('title') ? t('form.invalid.title') : undefined} />
        {!hasSkus && (
          <>
            <Field label={t('admin.products.priceYuan')} name="price" inputMode="decimal" required placeholder="99.00"
              value={typed.price} onChange={(e) => setTyped((v) => ({ ...v, price: e.target.value }))}
              invalid={invalid.has('priceMinor') ? t('form.invalid.price') : undefined} />
            <Field label={t('admin.products.stock')} name="stock" inputMode="numeric" required
              value={typed.stock} onChange={(e) => setTyped((v) => ({ ...v, stock: e.target.value }))}
              invalid={invalid.has('stock') ? t('form.invalid.stock') : undefined} />
          </>
        )}
      </div>
      <label className="field">
        <span className="field-label">{t('catalog.description')}</span>
        <textarea name="description" rows={3} maxLength={10_000} defaultValue={product?.description} />
      </label>
      <ImagePicker shopId={shopId} images={images} onChange={setImages} />
      <SkuEditor drafts={drafts} onChange={setDrafts} existing={existing} first={typed} />
      {invalid.has('skus') && <p className="form-error" role="alert">{t('catalog.invalidSkus')}</p>}
      <div className="actions">
        <button type="submit" disabled={pending}>
          {product ? t('catalog.save') : t('admin.products.createSubmit')}
        </button>
      </div>
      {error !== null && <p className="form-error" role="alert">{errorText(error)}</p>}
    </form>
  );
}
