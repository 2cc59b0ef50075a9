import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { attachStream, type Engine, type Source } from './attach';

/**
 * A <video> playing `source`. Starts muted (browsers only autoplay muted video) with a button to
 * turn the sound on. A fatal player error retries after a pause (a live stream may be
 * reconnecting); when HTTP-FLV fails and HLS is offered, the retry switches to HLS for good — some
 * proxies break long responses, and with several server processes the FLV stream lives in one.
 */
export function VideoSurface({ source, onVideo }: { source: Source; onVideo?: (video: HTMLVideoElement | null) => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLVideoElement>(null);
  const [engine, setEngine] = useState<Engine | 'none' | null>(null);
  const [muted, setMuted] = useState(true);
  const [attempt, setAttempt] = useState(0);
  const [fallback, setFallback] = useState<Engine | null>(null);
  const { flv, hls, live } = source;
  const prefer = fallback ?? source.prefer;

  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    let cancelled = false;
    let destroy: (() => void) | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let current: Engine | null = null;
    void attachStream(video, { flv, hls, live, prefer }, () => {
      if (cancelled || retry) return;
      retry = setTimeout(() => {
        if (current === 'flv' && hls) setFallback('hls');
        else setAttempt((n) => n + 1);
      }, 2000);
    }).then((attached) => {
      if (cancelled) return attached?.destroy();
      destroy = attached?.destroy ?? null;
      current = attached?.engine ?? null;
      setEngine(attached?.engine ?? 'none');
    });
    onVideo?.(video);
    return () => {
      cancelled = true;
      clearTimeout(retry);
      destroy?.();
      onVideo?.(null);
    };
  }, [flv, hls, live, prefer, attempt, onVideo]);

  return (
    <div className="player-surface" data-engine={engine ?? ''}>
      <video ref={ref} className="player-video" playsInline muted={muted} autoPlay controls={!live} />
      {engine === 'none' && <p className="player-note">{t('player.unsupported')}</p>}
      {muted && engine && engine !== 'none' && (
        <button type="button" className="player-unmute" onClick={() => setMuted(false)}>
          {t('player.unmute')}
        </button>
      )}
    </div>
  );
}
