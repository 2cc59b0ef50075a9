import { useTranslation } from 'react-i18next';

/**
 * For a landscape stream: the stage full screen and, where the browser allows it (phones), turned
 * to landscape. Without the Fullscreen API (iOS Safari's pages) the button is not shown.
 */
export function FullScreenButton() {
  const { t } = useTranslation();
  if (!document.fullscreenEnabled) return null;
  const toggle = async (stage: Element | null) => {
    if (document.fullscreenElement) return void (await document.exitFullscreen().catch(() => {}));
    await stage?.requestFullscreen().catch(() => {});
    // Not in the DOM typings everywhere; refused on desktops, which is fine.
    await (screen.orientation as ScreenOrientation & { lock?: (o: string) => Promise<void> }).lock?.('landscape').catch(() => {});
  };
  return (
    <button type="button" className="room-round-button room-fullscreen" aria-label={t('room.fullscreen')} onClick={(e) => void toggle(e.currentTarget.closest('.room-stage'))}>
      <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
        <path d="M4 9V4h5M15 4h5v5M20 15v5h-5M9 20H4v-5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      </svg>
    </button>
  );
}
