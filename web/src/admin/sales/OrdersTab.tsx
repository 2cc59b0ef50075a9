import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { orderState } from '../../../../src/contracts/sales-orders.schemas';
import { usePages } from '../../api/use-pages';
import { useResource } from '../../api/use-resource';
import { useFormat } from '../../shell/format';
import { ErrorNotice, Loading, MoreButton, Table } from '../../shell/ui';
import { OrderStateTag } from '../../viewer/orders/OrderStateTag';
import { useAdminShop } from '../AdminPage';
import { knownShows } from './known-shows';
import { OrderActions } from './OrderActions';
import { listShopOrders, ordersCsvUrl, type ShopOrder, type ShopOrdersFilter } from './sales-admin.api';
import './sales-admin.css';

/** A day typed in a date field ("2026-11-27") as the start of that day in the merchant's time zone. */
const dayStart = (day: string) => (day ? new Date(`${day}T00:00:00`).toISOString() : undefined);
const dayAfter = (day: string) => (day ? new Date(new Date(`${day}T00:00:00`).getTime() + 86_400_000).toISOString() : undefined);
/** Back from an instant to the day typed (the form is rebuilt from the filter it applied). */
const dayOf = (iso: string | undefined, minusMs = 0) => {
  if (!iso) return '';
  const d = new Date(Date.parse(iso) - minusMs);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/**
 * /admin/orders — the shop's orders, newest first, filtered by state, show, dates and buyer; the
 * same filters export CSV. Each row ships (carrier and tracking number), cancels an unpaid order or
 * refunds a paid one, in place.
 */
export function OrdersTab() {
  const { t } = useTranslation();
  const format = useFormat();
  const { shop } = useAdminShop();
  const [filter, setFilter] = useState<ShopOrdersFilter>({});
  const pages = usePages((after, signal) => listShopOrders(shop.id, filter, after, signal), [shop.id, JSON.stringify(filter)]);
  const [shows] = useResource((signal) => knownShows(shop.id, signal, { audience: false }), [shop.id]);
  const showChoices = shows.status === 'ok'
    // Shows that went on air, latest first (those are the ones with orders); shows still to come after.
    ? [...shows.data.values()].sort((a, b) => (Date.parse(b.show.startedAt ?? '') || 0) - (Date.parse(a.show.startedAt ?? '') || 0))
    : [];
  // The buyers of the orders listed so far (and the one filtered by): picked by name, sent by id.
  const [buyers, setBuyers] = useState<ReadonlyMap<string, string>>(new Map());
  const listed = pages.list.status === 'ok' ? pages.list.data : [];
  if (listed.some((o) => !buyers.has(o.buyer.id))) setBuyers(new Map([...buyers, ...listed.map((o) => [o.buyer.id, o.buyer.displayName] as const)]));

  const onFilter = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const v = Object.fromEntries(new FormData(e.currentTarget)) as Record<string, string>;
    const state = orderState.safeParse(v.state);
    setFilter({
      ...(state.success ? { state: state.data } : {}),
      ...(v.showId?.trim() ? { showId: v.showId.trim() } : {}),
      ...(v.buyerId?.trim() ? { buyerId: v.buyerId.trim() } : {}),
      ...(dayStart(v.from ?? '') ? { from: dayStart(v.from!) } : {}),
      ...(dayAfter(v.to ?? '') ? { to: dayAfter(v.to!) } : {}),
    });
  };

  return (
    <section className="stack admin-orders">
      <form key={JSON.stringify(filter)} className="admin-filters" onSubmit={onFilter} aria-label={t('adminSales.filters')}>
        <label className="field">
          <span className="field-label">{t('adminSales.state')}</span>
          <select name="state" defaultValue={filter.state ?? ''}>
            <option value="">{t('adminSales.anyState')}</option>
            {orderState.options.map((s) => (
              <option key={s} value={s}>{t(`orders.states.${s}`)}</option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t('adminSales.from')}</span>
          <input type="date" name="from" defaultValue={dayOf(filter.from)} />
        </label>
        <label className="field">
          <span className="field-label">{t('adminSales.to')}</span>
          <input type="date" name="to" defaultValue={dayOf(filter.to, 86_400_000)} />
        </label>
        <label className="field">
          <span className="field-label">{t('adminSales.show')}</span>
          <select name="showId" defaultValue={filter.showId ?? ''}>
            <option value="">{t('adminSales.anyShow')}</option>
            {showChoices.map(({ show, room }) => (
              <option key={show.id} value={show.id}>
                {show.title} · {room.title}{show.startedAt ? ` · ${format.dateTime(show.startedAt)}` : ''}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t('adminSales.buyer')}</span>
          <select name="buyerId" defaultValue={filter.buyerId ?? ''}>
            <option value="">{t('adminSales.anyBuyer')}</option>
            {[...buyers].sort((a, b) => a[1].localeCompare(b[1])).map(([id, name]) => (
              <option key={id} value={id}>{name} · {id.slice(0, 8)}</option>
            ))}
          </select>
        </label>
        <div className="admin-filters-actions">
          <button type="submit" className="button">{t('adminSales.apply')}</button>
          <a className="button button-secondary" href={ordersCsvUrl(shop.id, filter)} download>
            {t('adminSales.csv')}
          </a>
        </div>
      </form>
      {pages.list.status === 'loading' && <Loading />}
      {pages.list.status === 'error' && <ErrorNotice error={pages.list.error} onRetry={pages.reload} />}
      {pages.list.status === 'ok' && pages.list.data.length === 0 && <p className="muted">{t('adminSales.noOrders')}</p>}
      {pages.list.status === 'ok' && pages.list.data.length > 0 && (
        <Table head={[t('adminSales.placed'), t('adminSales.buyer'), t('adminSales.items'), { text: t('buy.total'), num: true }, t('adminSales.state'), '']}>
          {pages.list.data.map((o) => (
            <OrderRow
              key={o.id}
              order={o}
              shopId={shop.id}
              onChanged={pages.reload}
              onBuyer={(buyerId) => setFilter((f) => ({ ...f, buyerId }))}
              money={format.money}
              when={format.dateTime}
            />
          ))}
        </Table>
      )}
      <MoreButton pages={pages} />
    </section>
  );
}

function OrderRow({ order: o, shopId, onChanged, onBuyer, money, when }: {
  order: ShopOrder;
  shopId: string;
  onChanged: () => void;
  onBuyer: (buyerId: string) => void;
  money: (minor: number, currency: string) => string;
  when: (iso: string) => string;
}) {
  const { t } = useTranslation();
  return (
    <tr data-order-id={o.id}>
      <td>
        {when(o.createdAt)}
        <br />
        <small className="muted">{o.id.slice(0, 8)}</small>
      </td>
      <td>
        <button type="button" className="button-link" title={t('adminSales.filterBuyer')} onClick={() => onBuyer(o.buyer.id)}>
          {o.buyer.displayName}
        </button>
        <br />
        <small className="muted">{o.address ? `${o.address.city} ${o.address.name}` : t('gifts.awaitingAddress')}</small>
      </td>
      <td>
        {o.lines.map((l, i) => (
          <div key={i}>
            {l.title}{l.skuLabel && <span className="muted"> · {l.skuLabel}</span>} × {l.quantity}
          </div>
        ))}
        {o.carrier && <small className="muted">{o.carrier} {o.trackingNumber}</small>}
        {o.refundRequestedAt && <small className="text-warn"> {t('adminSales.refundAsked')}</small>}
      </td>
      <td className="num">{money(o.totalMinor, o.currency)}</td>
      <td><OrderStateTag state={o.state} /></td>
      <td><OrderActions shopId={shopId} order={o} onChanged={onChanged} /></td>
    </tr>
  );
}
