import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

const pad = (n: number) => String(n).padStart(2, '0');

/** Time left until `at`, ticking every second; "starting soon" once it is due. */
export function Countdown({ at, inline = false }: { at: string; /** A span in a line of text instead of the poster's big paragraph. */ inline?: boolean }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const left = Math.max(0, Math.floor((new Date(at).getTime() - now) / 1000));
  const Tag = inline ? 'span' : 'p';
  const className = inline ? 'countdown-inline' : 'player-countdown';
  if (left === 0) return <Tag className={className}>{t('player.startingSoon')}</Tag>;
  const days = Math.floor(left / 86_400);
  const clock = `${pad(Math.floor((left % 86_400) / 3600))}:${pad(Math.floor((left % 3600) / 60))}:${pad(left % 60)}`;
  return (
    <Tag className={className} role="timer" aria-label={t('player.countdownLabel')}>
      {days > 0 ? t('player.countdownDays', { days, clock }) : clock}
    </Tag>
  );
}
