/**
 * Attaches a stream to a <video>, with the best engine this browser has:
 * - live HTTP-FLV through mpegts.js (MSE), ≈ 1 s behind the encoder — the default;
 * - HLS through hls.js (MSE) when FLV is not possible or not offered, and for replays;
 * - native HLS where there is no MSE (iOS Safari): the browser plays the playlist itself.
 * Engines load on demand, so a page that never plays does not download them.
 * Returns the engine used and a function that detaches and frees it.
 */
export type Engine = 'flv' | 'hls' | 'native';
export interface Source {
  flv?: string | null;
  hls?: string | null;
  live: boolean;
  /** Forces an engine (from `?player=` on the page), for testing and for viewers with a bad network. */
  prefer?: Engine | null;
}
export interface Attached {
  engine: Engine;
  destroy(): void;
}

const canNativeHls = (video: HTMLVideoElement) => video.canPlayType('application/vnd.apple.mpegurl') !== '';

async function attachFlv(video: HTMLVideoElement, url: string, onFatal: (e: string) => void): Promise<Attached | null> {
  const { default: mpegts } = await import('mpegts.js');
  if (!mpegts.isSupported() || !mpegts.getFeatureList().mseLivePlayback) return null;
  const player = mpegts.createPlayer(
    { type: 'flv', isLive: true, url: new URL(url, location.href).href },
    {
      enableWorker: true,
      enableStashBuffer: false, // no extra buffering: latency is the point of FLV
      lazyLoad: false,
      liveBufferLatencyChasing: true, // play slightly faster when behind
      liveBufferLatencyMaxLatency: 1.5,
      liveBufferLatencyMinRemain: 0.3,
    },
  );
  player.on(mpegts.Events.ERROR, (type: string, detail: string) => onFatal(`${type}: ${detail}`));
  player.attachMediaElement(video);
  player.load();
  void video.play()?.catch(() => {});
  return {
    engine: 'flv',
    destroy() {
      player.pause();
      player.unload();
      player.detachMediaElement();
      player.destroy();
    },
  };
}

async function attachHls(video: HTMLVideoElement, url: string, live: boolean, onFatal: (e: string) => void): Promise<Attached | null> {
  const { default: Hls } = await import('hls.js');
  // Chromium answers "maybe" for native HLS without playing it: ask hls.js first.
  if (!Hls.isSupported()) return null;
  // Live: sit 1.5 s (one and a half 1 s segments) behind the newest segment and speed up a little
  // when further behind — about 2.5 s glass-to-glass instead of hls.js's default three segments.
  const hls = new Hls(
    live ? { liveSyncDuration: 1.5, liveMaxLatencyDuration: 5, maxLiveSyncPlaybackRate: 1.1, lowLatencyMode: false, backBufferLength: 10 } : {},
  );
  hls.on(Hls.Events.ERROR, (_e, data) => {
    if (data.fatal) onFatal(`${data.type}: ${data.details}`);
  });
  hls.loadSource(new URL(url, location.href).href);
  hls.attachMedia(video);
  void video.play()?.catch(() => {});
  return { engine: 'hls', destroy: () => hls.destroy() };
}

function attachNative(video: HTMLVideoElement, url: string): Attached | null {
  if (!canNativeHls(video)) return null;
  video.src = url;
  void video.play()?.catch(() => {});
  return {
    engine: 'native',
    destroy() {
      video.removeAttribute('src');
      video.load();
    },
  };
}

export async function attachStream(video: HTMLVideoElement, source: Source, onFatal: (e: string) => void): Promise<Attached | null> {
  const order: Engine[] = source.prefer ? [source.prefer, 'flv', 'hls', 'native'] : ['flv', 'hls', 'native'];
  for (const engine of order) {
    if (engine === 'flv' && source.flv && source.live) {
      const a = await attachFlv(video, source.flv, onFatal);
      if (a) return a;
    }
    if (engine === 'hls' && source.hls) {
      const a = await attachHls(video, source.hls, source.live, onFatal);
      if (a) return a;
    }
    if (engine === 'native' && source.hls) {
      const a = attachNative(video, source.hls);
      if (a) return a;
    }
  }
  return null;
}
