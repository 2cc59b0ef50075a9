import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Chapter } from '../../../../src/contracts/media.schemas';
import { VideoSurface } from '../../viewer/player/VideoSurface';
import { clockOf } from '../../viewer/player/RoomPlayer';

/**
 * The show's replay in its report: the recording, and a chapter per product explained — pressing
 * one plays the replay from the moment the product was pinned.
 */
export function ShowReplay({ hls, chapters }: { hls: string; chapters: Chapter[] }) {
  const { t } = useTranslation();
  const [video, setVideo] = useState<HTMLVideoElement | null>(null);
  const jump = (seconds: number) => {
    if (!video) return;
    video.currentTime = seconds;
    void video.play()?.catch(() => {});
  };
  return (
    <div className="report-replay" data-testid="report-replay">
      <div className="report-replay-video">
        <VideoSurface source={{ hls, live: false }} onVideo={setVideo} />
      </div>
      {chapters.length === 0 ? <p className="muted">{t('analytics.noChapters')}</p> : (
        <ol className="report-chapters">
          {chapters.map((c) => (
            <li key={`${c.refId} ${c.offsetSeconds}`}>
              <button type="button" className="button-secondary" onClick={() => jump(c.offsetSeconds)} data-testid="report-chapter">
                <span className="report-chapter-at">{clockOf(c.offsetSeconds)}</span> {c.title}
              </button>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
