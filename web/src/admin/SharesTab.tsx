import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { shareFunnelRow, shopShare } from '../../../src/contracts/shares.schemas';
import { usePages } from '../api/use-pages';
import { useResource } from '../api/use-resource';
import { useErrorText } from '../i18n/errors';
import { useFormat } from '../shell/format';
import { useSubmit } from '../shell/forms';
import { ErrorNotice, Loading, MoreButton, Table } from '../shell/ui';
import { useAdminShop } from './AdminPage';
import { fetchShareReport, fetchShowChoices, listShopShares, revokeShare } from './shares.api';

type FunnelRow = z.output<typeof shareFunnelRow>;
type ShopShare = z.output<typeof shopShare>;

/**
 * /admin/shares — what the shop's shares brought: shares → visits → cart opens → click-outs →
 * orders → GMV, per channel and per sharer, for all time or one show; and each share, revocable.
 */
export function SharesTab() {
  const { t } = useTranslation();
  const { shop } = useAdminShop();
  const [showId, setShowId] = useState<string | null>(null);
  const [choices] = useResource((signal) => fetchShowChoices(shop.id, signal), [shop.id]);
  const [report, reload] = useResource((signal) => fetchShareReport(shop.id, showId, signal), [shop.id, showId]);

  return (
    <div className="stack">
      <section className="card">
        <h2>{t('shares.funnel')}</h2>
        <p className="muted">{t('shares.explain')}</p>
        <label className="field">
          <span className="field-label">{t('shares.show')}</span>
          <select value={showId ?? ''} onChange={(e) => setShowId(e.currentTarget.value || null)} data-testid="shares-show">
            <option value="">{t('shares.allTime')}</option>
            {choices.status === 'ok' &&
              choices.data.map(({ room, shows }) => (
                <optgroup key={room.id} label={room.title}>
                  {shows.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.title}
                    </option>
                  ))}
                </optgroup>
              ))}
          </select>
        </label>
        {report.status === 'loading' && <Loading />}
        {report.status === 'error' && <ErrorNotice error={report.error} onRetry={reload} />}
        {report.status === 'ok' && (
          <>
            <h3>{t('shares.byChannel')}</h3>
            <Funnel rows={report.data.byChannel} label={(r) => t(`share.channels.${r.key as 'copy'}`)} />
            <h3>{t('shares.bySharer')}</h3>
            <Funnel rows={report.data.bySharer} label={(r) => r.label ?? t('shares.anonymous')} />
          </>
        )}
      </section>
      <ShareList shopId={shop.id} onChange={reload} />
    </div>
  );
}

function Funnel({ rows, label }: { rows: FunnelRow[]; label: (r: FunnelRow) => string }) {
  const { t, i18n } = useTranslation();
  const { money } = useFormat();
  const n = new Intl.NumberFormat(i18n.language);
  if (rows.length === 0) return <p className="muted">{t('shares.none')}</p>;
  const num = (text: string) => ({ text, num: true as const });
  return (
    <Table
      head={['', num(t('shares.shares')), num(t('shares.visits')), num(t('shares.visitors')), num(t('shares.cartOpens')), num(t('shares.clickOuts')), num(t('shares.orders')), num(t('shares.gmv'))]}
    >
      {rows.map((r) => (
        <tr key={r.key}>
          <td>{label(r)}</td>
          {[r.shares, r.visits, r.visitors, r.cartOpens, r.clickOuts, r.orders].map((v, i) => (
            <td key={i} className="num">
              {n.format(v)}
            </td>
          ))}
          <td className="num">{Object.entries(r.gmvMinor).map(([currency, minor]) => money(minor, currency)).join(' + ') || '—'}</td>
        </tr>
      ))}
    </Table>
  );
}

function ShareList({ shopId, onChange }: { shopId: string; onChange: () => void }) {
  const { t } = useTranslation();
  const pages = usePages((after, signal) => listShopShares(shopId, after, signal), [shopId]);
  const { list, reload } = pages;
  return (
    <section className="card">
      <h2>{t('shares.list')}</h2>
      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <ErrorNotice error={list.error} onRetry={reload} />}
      {list.status === 'ok' &&
        (list.data.length === 0 ? (
          <p className="muted">{t('shares.none')}</p>
        ) : (
          <Table head={[t('shares.code'), t('shares.target'), t('shares.channel'), t('shares.sharer'), { text: t('shares.visits'), num: true }, t('common.createdAt'), '']}>
            {list.data.map((s) => (
              <ShareRow
                key={s.code}
                shopId={shopId}
                share={s}
                onRevoked={() => {
                  reload();
                  onChange();
                }}
              />
            ))}
          </Table>
        ))}
      <MoreButton pages={pages} />
    </section>
  );
}

function ShareRow({ shopId, share, onRevoked }: { shopId: string; share: ShopShare; onRevoked: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const errorText = useErrorText();
  const { pending, error, run } = useSubmit();
  const revoked = share.revokedAt !== null;
  const revoke = () => {
    if (!window.confirm(t('shares.revokeConfirm', { code: share.code }))) return;
    void run(async () => {
      await revokeShare(shopId, share.code);
      onRevoked();
    });
  };
  const target = share.target ? `${share.target.kind === 'room' ? t('shares.room') : t('shares.product')} · ${share.target.title}` : t('shares.gone');
  return (
    <tr className={revoked ? 'row-muted' : undefined}>
      <td className="mono">{share.code}</td>
      <td>{target}</td>
      <td>{t(`share.channels.${share.channel}`)}</td>
      <td>{share.sharer?.name ?? t('shares.anonymous')}</td>
      <td className="num">{share.visits}</td>
      <td>{format.dateTime(share.createdAt)}</td>
      <td className="row-actions">
        {revoked ? (
          t('shares.revoked')
        ) : (
          <button type="button" className="button-danger button-small" disabled={pending} onClick={revoke}>
            {t('shares.revoke')}
          </button>
        )}
        {error !== null && <span className="field-invalid" role="alert">{errorText(error)}</span>}
      </td>
    </tr>
  );
}
