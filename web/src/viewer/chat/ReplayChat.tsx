import { useEffect, useMemo, useRef, useState } from 'react';
import type { RoomLive } from '../../realtime';
import { fetchReplayChat, type ReplayChatMessage } from './replay-chat.api';
import { LiveChat } from './LiveChat';

/** Messages loaded ahead of the video's time, a page at a time. */
const PAGE = 100;

/**
 * A replay's chat, played back at its recorded time: the lines said up to the video's current
 * time, as they appeared live (a seek back or forward shows what had been said by then).
 */
export function ReplayChat({ slug, showId, video, live }: { slug: string; showId: string; video: HTMLVideoElement | null; live: RoomLive }) {
  const [loaded, setLoaded] = useState<ReplayChatMessage[]>([]);
  const [now, setNow] = useState(0);
  const next = useRef<string | null | undefined>(undefined);
  const loading = useRef(false);

  useEffect(() => {
    setLoaded([]);
    next.current = undefined;
  }, [slug, showId]);

  useEffect(() => {
    if (!video) return;
    const tick = () => setNow(video.currentTime);
    video.addEventListener('timeupdate', tick);
    video.addEventListener('seeked', tick);
    return () => {
      video.removeEventListener('timeupdate', tick);
      video.removeEventListener('seeked', tick);
    };
  }, [video]);

  // Load the next page while the video nears the end of what is loaded.
  const lastOffset = loaded[loaded.length - 1]?.offsetSeconds ?? -1;
  useEffect(() => {
    if (loading.current || next.current === null || now < lastOffset - 60) return;
    loading.current = true;
    fetchReplayChat(slug, showId, { limit: PAGE, after: next.current }).then(
      (page) => {
        next.current = page.next;
        setLoaded((l) => [...l, ...page.messages]);
        loading.current = false;
      },
      () => {
        loading.current = false; // the next time update retries
      },
    );
  }, [slug, showId, now, lastOffset]);

  const shown = useMemo(() => loaded.filter((m) => m.offsetSeconds <= now).slice(-100), [loaded, now]);
  return <LiveChat slug={slug} live={live} messages={shown} />;
}
