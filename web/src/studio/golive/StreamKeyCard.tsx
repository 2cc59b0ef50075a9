import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../shell/ui';
import { CopyField } from './CopyField';
import { fetchIngest, revealStreamKey, rotateStreamKey } from './golive.api';

/**
 * The RTMP server URL and the stream key. The key stays hidden until the host asks for it
 * (screens get shared and streamed), and can be rotated when it may have leaked.
 */
export function StreamKeyCard({ shopId, roomId }: { shopId: string; roomId: string }) {
  const { t } = useTranslation();
  const [server, setServer] = useState<string | null>(null);
  const [key, setKey] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    // The server URL is not secret; the key is fetched only when the host asks to see it.
    const ctl = new AbortController();
    fetchIngest(shopId, roomId, ctl.signal).then((a) => setServer(a.rtmpUrl), (e: unknown) => !ctl.signal.aborted && setError(e));
    return () => ctl.abort();
  }, [shopId, roomId]);

  const reveal = () => revealStreamKey(shopId, roomId).then((a) => setKey(a.streamKey), setError);
  const rotate = () => {
    if (!window.confirm(t('golive.rotateConfirm'))) return;
    rotateStreamKey(shopId, roomId).then((a) => {
      setKey(a.streamKey);
      setNotice(t('golive.rotated'));
    }, setError);
  };

  return (
    <section className="card golive-keys">
      <h2>{t('golive.ingestTitle')}</h2>
      {error !== null && <ErrorNotice error={error} />}
      {server && <CopyField label={t('golive.serverUrl')} value={server} testId="rtmp-url" />}
      <CopyField label={t('golive.streamKey')} value={key ?? ''} masked={key === null ? t('golive.hiddenKey') : undefined} testId="stream-key" />
      <div className="form-row">
        {key === null ? (
          <button type="button" onClick={() => void reveal()}>
            {t('golive.reveal')}
          </button>
        ) : (
          <button type="button" className="button-secondary" onClick={() => setKey(null)}>
            {t('golive.hide')}
          </button>
        )}
        <button type="button" className="button-secondary" onClick={rotate}>
          {t('golive.rotate')}
        </button>
      </div>
      {notice && <p className="notice" role="status">{notice}</p>}
      <p className="muted">{t('golive.keySecret')}</p>
      <h3>{t('golive.obsTitle')}</h3>
      <ul className="golive-obs">
        <li>{t('golive.obsService')}</li>
        <li>{t('golive.obsEncoder')}</li>
        <li>
          <strong>{t('golive.obsKeyframe')}</strong>
        </li>
        <li>{t('golive.obsAudio')}</li>
        <li>{t('golive.obsLatency')}</li>
      </ul>
    </section>
  );
}
