import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchIngest, type IngestStatus } from './golive.api';

/** LIVE / offline, with what the encoder sends: bitrate, frame rate, resolution. Polled every 2 s. */
export function IngestStatusCard({ shopId, roomId, onState }: { shopId: string; roomId: string; onState?: (state: IngestStatus['state']) => void }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<IngestStatus | null>(null);

  useEffect(() => {
    const ctl = new AbortController();
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      try {
        setStatus((await fetchIngest(shopId, roomId, ctl.signal)).ingest);
      } catch {
        /* keep the last figures; the next poll retries */
      }
      if (!ctl.signal.aborted) timer = setTimeout(() => void poll(), 2000);
    };
    void poll();
    return () => {
      ctl.abort();
      clearTimeout(timer);
    };
  }, [shopId, roomId]);

  const state = status?.state ?? 'offline';
  useEffect(() => onState?.(state), [state, onState]);
  const label = state === 'publishing' ? t('golive.statusLive') : state === 'reconnecting' ? t('golive.statusReconnecting') : t('golive.statusOffline');
  const dash = '—';
  // Publishing, yet nothing arrives: OBS froze, or its upload cannot keep up.
  const stalled = state === 'reconnecting' || (state === 'publishing' && status !== null && (status.bitrateKbps === 0 || status.fps === 0));
  return (
    <section className="card golive-status" data-state={state}>
      <h2>
        {t('golive.status')} <span className={`golive-badge golive-badge-${state}`} data-testid="ingest-state">{label}</span>
      </h2>
      <dl className="golive-figures">
        <dt>{t('golive.bitrate')}</dt>
        <dd data-testid="ingest-bitrate">{status?.bitrateKbps != null ? t('golive.kbps', { value: status.bitrateKbps }) : dash}</dd>
        <dt>{t('golive.fps')}</dt>
        <dd>{status?.fps != null ? t('golive.fpsValue', { value: Math.round(status.fps) }) : dash}</dd>
        <dt>{t('golive.resolution')}</dt>
        <dd data-testid="ingest-resolution">{status?.width && status.height ? `${status.width}×${status.height}` : dash}</dd>
      </dl>
      {stalled && (
        <p className="notice notice-error golive-stalled" role="alert">
          {t('golive.stalled')}
        </p>
      )}
    </section>
  );
}
