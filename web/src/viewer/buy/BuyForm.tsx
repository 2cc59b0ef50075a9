import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_LINE_QUANTITY } from '../../../../src/contracts/sales-orders.schemas';
import type { RoomCoupon } from '../../../../src/contracts/sales-coupons.schemas';
import { useResource } from '../../api/use-resource';
import { useErrorText } from '../../i18n/errors';
import { useSubmit } from '../../shell/forms';
import { useFormat } from '../../shell/format';
import { fetchItemDetail } from '../cart/cart.api';
import { SkuPicker } from '../cart/SkuPicker';
import { skuOf } from '../cart/sku-choice';
import { AddressPicker } from './AddressPicker';
import type { BuyTarget } from './buy-target';
import { buyFlashSale, newKey, payDeposit, placeOrder, type Order } from './buy.api';
import { PresaleTerms } from './PresaleTerms';
import { CouponPicker } from './CouponPicker';
import { FlashSaleClock } from './FlashSaleClock';
import { salePhase, useNow } from './use-room-sales';

/**
 * The buy sheet's first step. The Idempotency-Key is made once per sheet and kept across retries of
 * "place order", so a lost answer retried never makes two orders; changing the order makes a new one.
 */
export function BuyForm({ slug, roomId, target, coupons, onPlaced }: {
  slug: string;
  roomId: string;
  target: BuyTarget;
  coupons: RoomCoupon[];
  onPlaced: (order: Order) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const errorText = useErrorText();
  const submit = useSubmit();
  const now = useNow();
  const [detail] = useResource(
    (signal) => (target.kind === 'item' ? fetchItemDetail(slug, target.item.id, signal) : Promise.resolve(null)),
    [target.kind === 'item' ? target.item.id : target.kind === 'flash' ? target.sale.id : target.presale.id],
  );
  const [chosen, setChosen] = useState<Record<string, string>>(target.kind === 'item' ? target.chosen : {});
  const [quantity, setQuantity] = useState(1);
  const [addressId, setAddressId] = useState<string | null>(null);
  // Bought as a gift (regular items only): paid now, the friend gives the address when claiming it.
  const [asGift, setAsGift] = useState(false);
  const gift = target.kind === 'item' && asGift;
  const [coupon, setCoupon] = useState<{ claimId: string; discountMinor: number } | null>(null);
  const key = useRef('');
  const lastIntent = useRef('');

  const full = detail.status === 'ok' ? detail.data : null;
  const sku = full ? skuOf(full.skus, chosen, full.options.length) : undefined;
  const needsSku = !!full && full.options.length > 0 && !sku;

  let currency: string, unitMinor: number | null, max: number, soldOut: boolean, listMinor: number | null = null;
  if (target.kind === 'flash') {
    const { sale } = target;
    currency = sale.currency;
    unitMinor = sale.priceMinor;
    listMinor = sale.listPriceMinor;
    max = Math.max(1, Math.min(sale.perBuyerLimit, sale.left));
    soldOut = salePhase(sale, now) !== 'live';
  } else if (target.kind === 'presale') {
    // What is paid now is the deposit; the price and the balance are shown beside it.
    const { presale } = target;
    currency = presale.currency;
    unitMinor = presale.depositMinor;
    max = Math.max(1, Math.min(presale.perBuyerLimit, presale.units - presale.sold));
    soldOut = presale.state !== 'deposit' || presale.sold >= presale.units;
  } else {
    const { item } = target;
    currency = item.currency;
    unitMinor = sku ? sku.priceMinor : item.hasSkus ? null : item.priceMinor;
    const stock = sku ? sku.stock : item.hasSkus ? null : item.stock;
    max = Math.max(1, Math.min(MAX_LINE_QUANTITY, stock ?? MAX_LINE_QUANTITY));
    soldOut = stock === 0;
  }
  const qty = Math.min(quantity, max);
  const subtotal = unitMinor === null ? null : unitMinor * qty;
  const claim = target.kind === 'item' && subtotal !== null ? coupon : null;

  /** The same order retried keeps its key (one order whatever the retries); a changed order gets a new one. */
  const keyFor = (intent: unknown) => {
    const text = JSON.stringify(intent);
    if (text !== lastIntent.current) {
      key.current = newKey();
      lastIntent.current = text;
    }
    return key.current;
  };

  const place = () =>
    submit.run(async () => {
      if (target.kind === 'item' && gift) {
        const body = {
          roomId,
          lines: [{ productId: target.item.productId ?? '', skuId: sku?.id ?? null, quantity: qty }],
          couponClaimIds: claim ? [claim.claimId] : [],
          gift: true,
        };
        onPlaced(await placeOrder(body, keyFor(body)));
        return;
      }
      if (addressId === null) return;
      if (target.kind === 'flash') {
        const body = { quantity: qty, addressId };
        onPlaced(await buyFlashSale(target.sale.id, body, keyFor([target.sale.id, body])));
        return;
      }
      if (target.kind === 'presale') {
        const body = { quantity: qty, addressId };
        onPlaced(await payDeposit(target.presale.id, body, keyFor([target.presale.id, body])));
        return;
      }
      const body = {
        roomId,
        lines: [{ productId: target.item.productId ?? '', skuId: sku?.id ?? null, quantity: qty }],
        couponClaimIds: claim ? [claim.claimId] : [],
        gift: false,
        addressId,
      };
      onPlaced(await placeOrder(body, keyFor(body)));
    });

  return (
    <div className="buy-form">
      {target.kind === 'flash' && <FlashSaleClock sale={target.sale} now={now} />}
      {target.kind === 'flash' && target.sale.skuLabel && <p className="muted">{target.sale.skuLabel}</p>}
      {full && <SkuPicker options={full.options} skus={full.skus} chosen={chosen} onChange={setChosen} />}
      <div className="buy-row buy-price-row">
        <strong className="buy-price" data-testid="buy-price">{unitMinor === null ? t('buy.pickOptions') : format.money(unitMinor, currency)}</strong>
        {listMinor !== null && listMinor > (unitMinor ?? 0) && <s className="muted">{format.money(listMinor, currency)}</s>}
        <span className="buy-qty" role="group" aria-label={t('buy.quantity')}>
          <button type="button" aria-label={t('buy.less')} disabled={qty <= 1} onClick={() => setQuantity(qty - 1)}>−</button>
          <output aria-live="polite" data-testid="buy-qty">{qty}</output>
          <button type="button" aria-label={t('buy.more')} disabled={qty >= max} onClick={() => setQuantity(qty + 1)}>+</button>
        </span>
      </div>
      {target.kind === 'flash' && <p className="muted">{t('flash.limit', { n: target.sale.perBuyerLimit })}</p>}
      {target.kind === 'presale' && <PresaleTerms presale={target.presale} />}
      {target.kind === 'item' && subtotal !== null && (
        <CouponPicker roomCoupons={coupons} currency={currency} subtotalMinor={subtotal} value={coupon?.claimId ?? null} onChange={setCoupon} />
      )}
      {target.kind === 'item' && (
        <label className="buy-gift-toggle">
          <input type="checkbox" checked={asGift} onChange={(e) => setAsGift(e.target.checked)} data-testid="buy-as-gift" />
          <span>{t('gifts.buyAsGift')}</span>
          {gift && <small className="muted">{t('gifts.buyAsGiftHint')}</small>}
        </label>
      )}
      {!gift && <AddressPicker value={addressId} onChange={setAddressId} />}
      {submit.error !== null && <p role="alert" className="field-invalid">{errorText(submit.error)}</p>}
      <div className="buy-total">
        {subtotal !== null && <Total subtotal={subtotal} currency={currency} claimDiscount={claim?.discountMinor ?? 0} />}
        <button
          type="button"
          className="button buy-place"
          disabled={submit.pending || soldOut || needsSku || unitMinor === null || (!gift && addressId === null)}
          onClick={() => void place()}
        >
          {soldOut ? t('cart.soldOut') : t('buy.place')}
        </button>
      </div>
    </div>
  );

}

function Total({ subtotal, currency, claimDiscount }: { subtotal: number; currency: string; claimDiscount: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <p className="buy-total-text">
      {t('buy.total')} <strong data-testid="buy-total">{format.money(subtotal - claimDiscount, currency)}</strong>
    </p>
  );
}
