import { useTranslation } from 'react-i18next';
import type { RoomFlashSale } from '../../../../src/contracts/sales-campaigns.schemas';
import { clockText, salePhase } from './use-room-sales';

/** A flash sale's countdown (to its start, then to its end) and the units left, or "sold out". */
export function FlashSaleClock({ sale, now }: { sale: RoomFlashSale; now: number }) {
  const { t } = useTranslation();
  const phase = salePhase(sale, now);
  return (
    <p className="flash-clock" data-phase={phase} data-testid="flash-clock">
      <span className="flash-clock-badge">{t('flash.badge')}</span>
      {phase === 'upcoming' && <span>{t('flash.startsIn', { time: clockText(Date.parse(sale.startsAt) - now) })}</span>}
      {phase === 'live' && <span data-testid="flash-countdown">{t('flash.endsIn', { time: clockText(Date.parse(sale.endsAt) - now) })}</span>}
      {phase === 'live' && <span className="flash-left" data-testid="flash-left">{t('flash.left', { n: sale.left, total: sale.units })}</span>}
      {phase === 'soldOut' && <strong className="flash-soldout">{t('flash.soldOut')}</strong>}
      {phase === 'over' && <span>{t('flash.over')}</span>}
    </p>
  );
}
