import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { productOption, Sku } from '../../../../src/contracts/catalog.schemas';
import { available } from './sku-choice';

/**
 * One row of value buttons per option (颜色, 尺码…): values no SKU in stock has with the choices so
 * far are marked out. Used by the product sheet and the buy sheet.
 */
export function SkuPicker({ options, skus, chosen, onChange }: {
  options: readonly z.infer<typeof productOption>[];
  skus: readonly Sku[];
  chosen: Record<string, string>;
  onChange: (chosen: Record<string, string>) => void;
}) {
  const { t } = useTranslation();
  if (options.length === 0) return null;
  return (
    <div className="sku-picker" aria-label={t('cart.options')}>
      {options.map((option) => (
        <fieldset key={option.name} className="sku-option">
          <legend>{option.name}</legend>
          {option.values.map((value) => {
            const selected = chosen[option.name] === value;
            const inStock = available(skus, chosen, option.name, value);
            return (
              <button
                key={value}
                type="button"
                className="sku-value"
                aria-pressed={selected}
                data-out={!inStock || undefined}
                onClick={() => onChange(selected ? omit(chosen, option.name) : { ...chosen, [option.name]: value })}
              >
                {value}
              </button>
            );
          })}
        </fieldset>
      ))}
    </div>
  );
}

function omit(record: Record<string, string>, key: string): Record<string, string> {
  const { [key]: _, ...rest } = record;
  return rest;
}
