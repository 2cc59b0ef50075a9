import { useTranslation } from 'react-i18next';
import type { Presale } from '../../../../src/contracts/sales-campaigns.schemas';
import { useFormat } from '../../shell/format';

/** A presale's terms as a buyer reads them: the deposit now and what it counts for, the balance and when. */
export function PresaleTerms({ presale: p }: { presale: Presale }) {
  const { t } = useTranslation();
  const format = useFormat();
  const money = (minor: number) => format.money(minor, p.currency);
  return (
    <p className="presale-terms" data-testid="presale-terms">
      <span className="flash-clock-badge">{t('presale.badge')}</span>{' '}
      {t('presale.terms', { deposit: money(p.depositMinor), worth: money(p.depositWorthMinor), price: money(p.priceMinor), balance: money(p.balanceMinor) })}
      <br />
      <small className="muted">
        {t('presale.window', { from: format.dateTime(p.balanceStartsAt), until: format.dateTime(p.balanceEndsAt) })}{' '}
        {p.missedBalance === 'forfeit' ? t('presale.forfeit') : t('presale.refund')}
      </small>
    </p>
  );
}
