import type { ReactNode } from 'react';

interface RoomStageProps {
  title: string;
  shopName: string;
  /** The video. Until the live-video issue lands, the page passes a placeholder. */
  player: ReactNode;
  /** Layers over the video's lower part: chat, likes, the explaining card, the cart button. */
  overlay?: ReactNode;
}

/**
 * The portrait (9:16) stage of a live room, as on a phone: the video fills it, the room's
 * title and shop sit on top, interactive layers at the bottom. On a wide screen it stays
 * portrait and centred rather than stretching.
 */
export function RoomStage({ title, shopName, player, overlay }: RoomStageProps) {
  return (
    <div className="stage">
      <div className="stage-player">{player}</div>
      <div className="stage-top">
        <p className="stage-shop">{shopName}</p>
        <h1 className="stage-title">{title}</h1>
      </div>
      {overlay && <div className="stage-bottom">{overlay}</div>}
    </div>
  );
}
