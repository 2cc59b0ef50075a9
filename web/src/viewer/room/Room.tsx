import { useCallback, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { ViewerCartItem } from '../../../../src/contracts/cart.schemas';
import type { RoomPlayback } from '../player/player.api';
import { useRoomEvents, useRoomLive } from '../../realtime';
import { useMediaQuery, WIDE_ROOM } from '../../shell/use-media';
import { CartButton } from '../cart/CartButton';
import { CartList } from '../cart/CartList';
import { ExplainingCard } from '../cart/ExplainingCard';
import { ProductSheet } from '../cart/ProductSheet';
import { useViewerCart } from '../cart/use-viewer-cart';
import { ChatBox } from '../chat/ChatBox';
import { LikeButton } from '../chat/LikeButton';
import { LiveChat } from '../chat/LiveChat';
import { ReplayChat } from '../chat/ReplayChat';
import { RoomPlayer, type Orientation, type PlayerMode } from '../player/RoomPlayer';
import { ShareButton } from '../share/ShareSheet';
import { TargetShare } from '../share/TargetShare';
import { PasteBox } from '../share/PasteBox';
import { useShareSignals } from '../share/share-signals';
import { RoomNumbers } from './RoomNumbers';
import { FullScreenButton } from './FullScreenButton';
import { RoomTopBar } from './RoomTopBar';
import { useSwipeRooms } from './use-swipe-rooms';
import { BuyContext, type Buy } from '../buy/BuyContext';
import { BuySheet } from '../buy/BuySheet';
import type { BuyTarget } from '../buy/buy-target';
import { FlashSaleClock } from '../buy/FlashSaleClock';
import { RoomSalesBar } from '../buy/RoomSalesBar';
import { salePhase, useNow, useRoomSales, type RoomSalesState } from '../buy/use-room-sales';
import { useRoomSignals } from './room-signals';
import './room.css';
import { reportToRoom } from './beacon';

export interface RoomInfo {
  id: string;
  slug: string;
  title: string;
  shop: { slug: string; name: string };
}

type Sheet = { kind: 'cart' } | { kind: 'item'; item: ViewerCartItem } | { kind: 'share' } | { kind: 'buy'; target: BuyTarget } | null;

/**
 * A live room as viewers know it. On a phone the video fills the screen and everything floats over
 * it (top bar, chat, explaining card, input row, sheets); on a desktop the video sits in the middle
 * at its own aspect, the cart in a left column and the chat with the audience numbers in a right one.
 * A replay has no chat box or explaining card: its chapters sit over the video, its chat plays back.
 */
export function Room({ room, embedded = false }: { room: RoomInfo; embedded?: boolean }) {
  const { slug } = room;
  const wide = useMediaQuery(WIDE_ROOM);
  const live = useRoomLive(slug);
  const cart = useViewerCart(slug);
  const [mode, setMode] = useState<PlayerMode>('loading');
  const [playback, setPlayback] = useState<RoomPlayback | null>(null);
  const [orientation, setOrientation] = useState<Orientation>('portrait');
  const [video, setVideo] = useState<HTMLVideoElement | null>(null);
  const [sheet, setSheet] = useState<Sheet>(null);
  const [refreshKey, setRefreshKey] = useState(0);
  // Embedded in another site, the room stays itself: no swiping away to other rooms.
  const swipe = useSwipeRooms(slug, !wide && !embedded);
  const signals = useRoomSignals();
  const shareSignals = useShareSignals(slug);
  const sales = useRoomSales(slug);
  const navigate = useNavigate();
  useRoomEvents(slug, (event) => {
    if (event.type === 'show.state') setRefreshKey((n) => n + 1);
  });
  const onMode = useCallback((m: PlayerMode, p: RoomPlayback | null) => {
    setMode(m);
    setPlayback(p);
  }, []);

  const replay = mode === 'replay';
  const openItem = (item: ViewerCartItem) => {
    setSheet({ kind: 'item', item });
    if (!replay && item.kind === 'product') reportToRoom(slug, { type: 'product.opened', itemId: item.id });
    signals.itemOpened(item);
    shareSignals.cartOpened();
  };
  const close = () => setSheet(null);
  const count = cart.data?.items.length ?? 0;
  // A cart item with a flash sale on now is bought at the sale's price, within its limit.
  const buy: Buy = (item, chosen = {}) => {
    const sale = liveSaleOf(sales, item.productId);
    setSheet({ kind: 'buy', target: sale ? { kind: 'flash', sale } : { kind: 'item', item, chosen } });
    signals.buyStarted(sale ? { productId: sale.productId, title: sale.title, saleId: sale.id } : { productId: item.productId, title: item.title, itemId: item.id });
  };
  const buySale = (target: BuyTarget & { kind: 'flash' }) => {
    setSheet({ kind: 'buy', target });
    signals.buyStarted({ productId: target.sale.productId, title: target.sale.title, saleId: target.sale.id });
  };
  const login = () => navigate(`/login?next=${encodeURIComponent(`/live/${slug}`)}`);
  const pinnedSale = cart.pinned ? liveSaleOf(sales, cart.pinned.item.productId) : undefined;
  const pinned =
    !replay && cart.pinned ? (
      <ExplainingCard pinned={cart.pinned} onOpen={openItem} extra={pinnedSale && <TickingSaleClock sale={pinnedSale} />} />
    ) : null;
  const salesBar = !replay && (
    <RoomSalesBar
      sales={sales}
      onBuy={(sale) => buySale({ kind: 'flash', sale })}
      onDeposit={(presale) => setSheet({ kind: 'buy', target: { kind: 'presale', presale } })}
      onLogin={login}
    />
  );
  const buySheet = sheet?.kind === 'buy' && (
    <BuySheet slug={slug} roomId={room.id} target={sheet.target} coupons={sales.coupons} onClose={close} />
  );
  const chat =
    replay && playback?.replay ? (
      <ReplayChat slug={slug} showId={playback.replay.showId} video={video} live={live} />
    ) : (
      <LiveChat slug={slug} live={live} />
    );
  const shareSheet = sheet?.kind === 'share' && (
    <TargetShare target={{ room: slug }} title={room.title} fallbackUrl={`${location.origin}/live/${encodeURIComponent(slug)}`} pasteBox={false} onClose={close} />
  );
  const toggle = (kind: 'cart' | 'share') => {
    if (kind === 'cart' && sheet?.kind !== 'cart') {
      shareSignals.cartOpened();
      if (!replay) reportToRoom(slug, { type: 'cart.opened' });
    }
    setSheet((s) => (s?.kind === kind ? null : { kind }));
  };

  const stage = (
    <section className="room-stage" data-mode={mode} data-orientation={orientation} {...swipe}>
      <RoomPlayer slug={slug} refreshKey={refreshKey} badges={false} onMode={onMode} onOrientation={setOrientation} onVideo={setVideo} />
      <RoomTopBar title={room.title} slug={slug} shop={room.shop} mode={mode} online={live.counts.online} pasteBox={!wide && !embedded} />
      {orientation === 'landscape' && (mode === 'live' || replay) && <FullScreenButton />}
      {wide ? (
        (pinned || salesBar) && (
          <div className="room-stage-card">
            {salesBar}
            {pinned}
          </div>
        )
      ) : (
        <div className="room-bottom">
          {chat}
          {salesBar}
          {pinned}
          <div className="room-input-row">
            <CartButton count={count} open={sheet?.kind === 'cart'} onClick={() => toggle('cart')} />
            {replay ? <span className="room-input-spacer" /> : <ChatBox live={live} />}
            <ShareButton open={sheet?.kind === 'share'} onClick={() => toggle('share')} />
            {!replay && <LikeButton live={live} />}
          </div>
        </div>
      )}
      {!wide && sheet && (
        <div className="room-sheet-layer">
          {sheet.kind === 'cart' && <CartList cart={cart} onOpenItem={openItem} onClose={close} />}
          {sheet.kind === 'item' && <ProductSheet slug={slug} item={sheet.item} onClose={() => setSheet({ kind: 'cart' })} />}
          {buySheet}
          {shareSheet}
        </div>
      )}
    </section>
  );

  if (!wide) {
    return (
      <BuyContext.Provider value={buy}>
        <div className="room room-phone" data-testid="room">
          {stage}
        </div>
      </BuyContext.Provider>
    );
  }
  return (
    <BuyContext.Provider value={buy}>
      <div className="room room-wide" data-testid="room">
        <aside className="room-column room-cart-column">
          {buySheet || (sheet?.kind === 'item' ? <ProductSheet slug={slug} item={sheet.item} onClose={close} /> : <CartList cart={cart} onOpenItem={openItem} />)}
        </aside>
        <div className="room-center">{stage}</div>
        <aside className="room-column room-chat-column">
          <RoomNumbers counts={live.counts} />
          {!embedded && <PasteBox inRoom />}
          {chat}
          {shareSheet}
          <div className="room-input-row">
            {replay ? <span className="room-input-spacer" /> : <ChatBox live={live} />}
            <ShareButton open={sheet?.kind === 'share'} onClick={() => toggle('share')} />
            {!replay && <LikeButton live={live} />}
          </div>
        </aside>
      </div>
    </BuyContext.Provider>
  );
}

/** The live flash sale on a product, if one is on now with units left. */
function liveSaleOf(sales: RoomSalesState, productId: string | null) {
  if (!productId) return undefined;
  const now = Date.now();
  return sales.flashSales.find((s) => s.productId === productId && salePhase(s, now) === 'live');
}

/** The explaining card's line for a product on flash sale: its countdown and units left. */
function TickingSaleClock({ sale }: { sale: NonNullable<ReturnType<typeof liveSaleOf>> }) {
  return <FlashSaleClock sale={sale} now={useNow()} />;
}
