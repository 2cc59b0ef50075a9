import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../shell/format';
import { Countdown } from './Countdown';
import { fetchPlayback, type RoomPlayback } from './player.api';
import type { Engine } from './attach';
import { VideoSurface } from './VideoSurface';
import './player.css';

/** 75 → "1:15", 3725 → "1:02:05". */
export function clockOf(seconds: number): string {
  const s = Math.floor(seconds);
  const mmss = `${Math.floor((s % 3600) / 60)}:${String(s % 60).padStart(2, '0')}`;
  return s >= 3600 ? `${Math.floor(s / 3600)}:${mmss.padStart(5, '0')}` : mmss;
}

/** How often the page asks what the room plays: a show going live shows up within this. */
const POLL_MS = 4000;

const preferred = (): Engine | null => {
  const p = new URLSearchParams(location.search).get('player');
  return p === 'flv' || p === 'hls' || p === 'native' ? p : null;
};

/** What the player shows: nothing yet, the live stream, a replay, or a poster (upcoming, ended, off air). */
export type PlayerMode = 'loading' | 'live' | 'replay' | 'poster';
/** A stream's shape, once its first frame is known: vertical streams cover the stage, others sit centred. */
export type Orientation = 'portrait' | 'landscape';

export interface RoomPlayerProps {
  slug: string;
  /** Changing it asks again at once (a show.state event arrived). */
  refreshKey?: number;
  /** The room page draws the LIVE and replay badges in its top bar; elsewhere (the studio's preview) the player does. */
  badges?: boolean;
  /** Told what the player shows, and the playback it shows it from. */
  onMode?: (mode: PlayerMode, playback: RoomPlayback | null) => void;
  onOrientation?: (orientation: Orientation) => void;
  /** The <video> while there is one (a replay's chat follows its time). */
  onVideo?: (video: HTMLVideoElement | null) => void;
}

/**
 * The video of /live/SLUG: before the show its cover, title and a countdown; during it the live
 * stream (HTTP-FLV by default, HLS as fallback); after it the replay with a chapter per product.
 */
export function RoomPlayer({ slug, refreshKey = 0, badges = true, onMode, onOrientation, onVideo: tellVideo }: RoomPlayerProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const [playback, setPlayback] = useState<RoomPlayback | null>(null);
  const [video, setVideo] = useState<HTMLVideoElement | null>(null);
  /** Before the next show, a viewer may choose to watch the previous one's replay. */
  const [watchReplay, setWatchReplay] = useState(false);
  const onVideo = useCallback((v: HTMLVideoElement | null) => setVideo(v), []);

  useEffect(() => tellVideo?.(video), [video, tellVideo]);
  useEffect(() => {
    if (!video || !onOrientation) return;
    const report = () => video.videoWidth > 0 && onOrientation(video.videoWidth > video.videoHeight ? 'landscape' : 'portrait');
    report();
    video.addEventListener('loadedmetadata', report);
    video.addEventListener('resize', report);
    return () => {
      video.removeEventListener('loadedmetadata', report);
      video.removeEventListener('resize', report);
    };
  }, [video, onOrientation]);

  useEffect(() => {
    const ctl = new AbortController();
    let timer: ReturnType<typeof setTimeout>;
    const load = async () => {
      try {
        const next = await fetchPlayback(slug, ctl.signal);
        // Keep the same object while nothing changed, so the player is not re-attached.
        setPlayback((prev) => (JSON.stringify(prev) === JSON.stringify(next) ? prev : next));
      } catch {
        /* a failed poll keeps what is shown; the next one retries */
      }
      if (!ctl.signal.aborted) timer = setTimeout(() => void load(), POLL_MS);
    };
    void load();
    return () => {
      ctl.abort();
      clearTimeout(timer);
    };
  }, [slug, refreshKey]);

  const mode: PlayerMode = !playback
    ? 'loading'
    : playback.show?.state === 'live' && playback.live
      ? 'live'
      : playback.replay && (playback.show?.state === 'ended' || watchReplay)
        ? 'replay'
        : 'poster';
  useEffect(() => onMode?.(mode, playback), [mode, playback, onMode]);

  if (!playback) return <div className="player" data-state="loading" />;
  const { show, live, replay } = playback;

  if (mode === 'live' && live) {
    return (
      <div className="player" data-state="live">
        <VideoSurface source={{ flv: live.flv, hls: live.hls, live: true, prefer: preferred() }} onVideo={onVideo} />
        {badges && <span className="player-badge">{t('player.live')}</span>}
      </div>
    );
  }

  if (mode === 'replay' && replay) {
    return (
      <div className="player" data-state="replay">
        <VideoSurface source={{ hls: replay.hls, live: false, prefer: preferred() }} onVideo={onVideo} />
        {badges && <span className="player-badge player-badge-replay">{t('player.replay')}</span>}
        {replay.chapters.length > 0 && (
          <ol className="player-chapters" aria-label={t('player.chapters')}>
            {replay.chapters.map((c) => (
              <li key={`${c.offsetSeconds}-${c.title}`}>
                <button
                  type="button"
                  onClick={() => {
                    if (!video) return;
                    video.currentTime = c.offsetSeconds;
                    void video.play().catch(() => {});
                  }}
                >
                  <span className="mono">{clockOf(c.offsetSeconds)}</span> {c.title}
                </button>
              </li>
            ))}
          </ol>
        )}
      </div>
    );
  }

  return (
    <div className="player player-poster" data-state={show?.state ?? 'none'}>
      {show?.coverUrl && <img className="player-cover" src={show.coverUrl} alt="" />}
      <div className="player-poster-text">
        {show?.state === 'scheduled' && show.scheduledAt ? (
          <>
            <p className="player-upcoming">{t('player.upcoming')}</p>
            <p className="player-show-title">{show.title}</p>
            <p className="muted">{format.dateTime(show.scheduledAt)}</p>
            <Countdown at={show.scheduledAt} />
          </>
        ) : show?.state === 'ended' ? (
          <p>{t('player.ended')}</p>
        ) : (
          <p>{t('player.offline')}</p>
        )}
        {replay && (
          <button type="button" className="player-watch-replay" onClick={() => setWatchReplay(true)}>
            {t('player.watchReplay', { title: replay.title })}
          </button>
        )}
      </div>
    </div>
  );
}
