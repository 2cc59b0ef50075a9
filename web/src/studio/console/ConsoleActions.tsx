import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FlashSale } from '../../../../src/contracts/sales-campaigns.schemas';
import type { Coupon } from '../../../../src/contracts/sales-coupons.schemas';
import { useResource } from '../../api/use-resource';
import { useFormat } from '../../shell/format';
import { ErrorNotice, Loading } from '../../shell/ui';
import { loadCartScreen } from '../cart/studio-cart.api';
import { CouponDropForm } from '../sales/CouponDropForm';
import { FlashSaleForm } from '../sales/FlashSaleForm';

type Panel = 'flash' | 'coupon' | null;

/**
 * The console's row of actions over the show: start a flash sale on a cart item and drop a coupon
 * into the room (each opens a form filled in with working defaults, so it is one more tap), beside
 * the room's own: open the viewer page, copy its link.
 */
export function ConsoleActions({ shopId, roomId, slug }: { shopId: string; roomId: string; slug: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [copied, setCopied] = useState(false);
  const [panel, setPanel] = useState<Panel>(null);
  const [done, setDone] = useState<string | null>(null);
  const url = `${location.origin}/live/${encodeURIComponent(slug)}`;
  const toggle = (p: Panel) => {
    setDone(null);
    setPanel((now) => (now === p ? null : p));
  };
  return (
    <div className="console-actions-block">
      <div className="console-actions" role="toolbar" aria-label={t('console.actions')}>
        <button type="button" className="button console-flash" aria-expanded={panel === 'flash'} onClick={() => toggle('flash')}>
          ⚡ {t('consoleSales.flashTitle')}
        </button>
        <button type="button" className="button console-coupon" aria-expanded={panel === 'coupon'} onClick={() => toggle('coupon')}>
          {t('consoleSales.couponTitle')}
        </button>
        <a className="button button-secondary" href={`/live/${encodeURIComponent(slug)}`} target="_blank" rel="noopener">
          {t('studio.openViewer')} ↗
        </a>
        <button
          type="button"
          className="button-secondary"
          onClick={() => void navigator.clipboard.writeText(url).then(() => setCopied(true), () => setCopied(false))}
        >
          {copied ? t('share.copied') : t('console.copyLink')}
        </button>
      </div>
      {done && <p className="console-done" role="status">{done}</p>}
      {panel && (
        <section className="card console-panel">
          <SalesPanel
            shopId={shopId}
            roomId={roomId}
            panel={panel}
            onStarted={(sale) => {
              setPanel(null);
              setDone(t('consoleSales.flashStarted', { title: sale.title, units: sale.units, price: format.money(sale.priceMinor, sale.currency), time: format.dateTime(sale.endsAt) }));
            }}
            onDropped={(c) => {
              setPanel(null);
              setDone(t('consoleSales.couponDropped', { title: c.title, n: c.total }));
            }}
          />
        </section>
      )}
    </div>
  );
}

/** The open form, once the room's cart is read: its own products to sell, their currency for a coupon. */
function SalesPanel({ shopId, roomId, panel, onStarted, onDropped }: {
  shopId: string;
  roomId: string;
  panel: 'flash' | 'coupon';
  onStarted: (sale: FlashSale) => void;
  onDropped: (coupon: Coupon) => void;
}) {
  const [screen, reload] = useResource((signal) => loadCartScreen(shopId, roomId, signal), [shopId, roomId]);
  if (screen.status === 'loading') return <Loading />;
  if (screen.status === 'error') return <ErrorNotice error={screen.error} onRetry={reload} />;
  const { cart } = screen.data;
  if (panel === 'coupon') {
    const currency = cart.items.find((i) => i.kind === 'product')?.currency ?? 'CNY';
    return <CouponDropForm shopId={shopId} roomId={roomId} currency={currency} onDropped={onDropped} />;
  }
  return <FlashSaleForm shopId={shopId} roomId={roomId} items={cart.items} pinnedId={cart.pinned?.itemId ?? null} onStarted={onStarted} />;
}
