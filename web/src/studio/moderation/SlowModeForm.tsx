import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomLive } from '../../realtime';
import { useErrorText } from '../../i18n/errors';
import { setSlowMode } from './moderation.api';

/** Slow mode: seconds between two messages of one viewer; 0 turns it off. */
export function SlowModeForm({ slug, live }: { slug: string; live: RoomLive }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [slow, setSlow] = useState('');
  const [failure, setFailure] = useState<string>();
  async function submit(e: FormEvent) {
    e.preventDefault();
    setFailure(undefined);
    try {
      await setSlowMode(slug, Number(slow || 0));
    } catch (err) {
      setFailure(errorText(err));
    }
  }
  return (
    <>
      <p className="muted">{live.slowModeSeconds > 0 ? t('moderation.slowOn', { s: live.slowModeSeconds }) : t('moderation.slowOff')}</p>
      <form className="modform" onSubmit={(e) => void submit(e)}>
        <input name="slowSeconds" type="number" min={0} max={600} value={slow} onChange={(e) => setSlow(e.target.value)} aria-label={t('moderation.slowSeconds')} placeholder={t('moderation.slowSeconds')} />
        <button type="submit">{t('moderation.slowSet')}</button>
      </form>
      {failure && <p className="modfailure" role="alert">{failure}</p>}
    </>
  );
}
