import type { Sku } from '../../../../src/contracts/catalog.schemas';

/**
 * Picking a SKU by its options, as a viewer taps values: `chosen` maps option name → value. A value
 * is `available` when some SKU with stock has it together with the other values chosen so far.
 */
export function skuOf(skus: readonly Sku[], chosen: Record<string, string>, optionCount: number): Sku | undefined {
  if (Object.keys(chosen).length < optionCount) return undefined;
  return skus.find((s) => Object.entries(chosen).every(([name, value]) => s.options[name] === value));
}

export function available(skus: readonly Sku[], chosen: Record<string, string>, option: string, value: string): boolean {
  const others = Object.entries(chosen).filter(([name]) => name !== option);
  return skus.some((s) => s.stock > 0 && s.options[option] === value && others.every(([name, v]) => s.options[name] === v));
}
