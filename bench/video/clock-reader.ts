/**
 * Runs in the page (passed to page.evaluate): reads the wall clock that ffmpeg's drawtext burnt
 * into each presented video frame, by template matching against the same font rendered by
 * ffmpeg, and returns glass-to-glass latencies in ms (presentation time − burnt time).
 */
export interface ReaderArgs {
  /** PNG (data URL) of "0123456789" drawn exactly like the clock (same font, size, position). */
  templates: string;
  digits: number;
  seconds: number;
}

export async function readBurntClock({ templates, digits, seconds }: ReaderArgs): Promise<{ latencies: number[]; unreadable: number }> {
  const video = document.querySelector<HTMLVideoElement>('.player-video');
  if (!video) throw new Error('no video element');
  const img = new Image();
  img.src = templates;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = img.width;
  canvas.height = img.height;
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  ctx.drawImage(img, 0, 0);

  const W = img.width;
  const ink = (data: Uint8ClampedArray, i: number) => data[i * 4]! * 0.3 + data[i * 4 + 1]! * 0.59 + data[i * 4 + 2]! * 0.11 > 128;
  const tpl = ctx.getImageData(0, 0, W, img.height).data;
  // The text line: rows and glyph runs (columns with ink) of the template.
  let y0 = -1;
  let y1 = -1;
  const cols: boolean[] = new Array(W).fill(false);
  for (let y = 0; y < img.height; y++)
    for (let x = 0; x < W; x++)
      if (ink(tpl, y * W + x)) {
        if (y0 < 0) y0 = y;
        y1 = y;
        cols[x] = true;
      }
  const runs: [number, number][] = [];
  for (let x = 0; x < W; x++) {
    if (cols[x] && (x === 0 || !cols[x - 1])) runs.push([x, x]);
    if (cols[x]) runs[runs.length - 1]![1] = x;
  }
  if (runs.length !== 10) throw new Error(`template: expected 10 glyphs, found ${runs.length}`);
  const centre = (r: [number, number]) => (r[0] + r[1]) / 2;
  const pitch = (centre(runs[9]!) - centre(runs[0]!)) / 9;
  const half = Math.floor(pitch / 2);
  const cellAt = (data: Uint8ClampedArray, width: number, cx: number): boolean[] => {
    const out: boolean[] = [];
    for (let y = y0 - 1; y <= y1 + 1; y++)
      for (let x = Math.round(cx) - half; x < Math.round(cx) + half; x++) out.push(ink(data, y * width + x));
    return out;
  };
  const glyphs = Array.from({ length: 10 }, (_, d) => cellAt(tpl, W, centre(runs[0]!) + d * pitch));

  const frame = document.createElement('canvas');
  const fctx = frame.getContext('2d', { willReadFrequently: true })!;
  const latencies: number[] = [];
  let unreadable = 0;
  const until = performance.now() + seconds * 1000;
  await new Promise<void>((resolve) => {
    const onFrame = (_now: number, meta: { expectedDisplayTime: number }) => {
      frame.width = video.videoWidth;
      frame.height = video.videoHeight;
      fctx.drawImage(video, 0, 0);
      const data = fctx.getImageData(0, 0, frame.width, frame.height).data;
      let value = 0;
      let worstMargin = Infinity;
      for (let k = 0; k < digits; k++) {
        const cell = cellAt(data, frame.width, centre(runs[0]!) + k * pitch);
        const scores = glyphs.map((g) => g.reduce((n, v, i) => n + (v !== cell[i] ? 1 : 0), 0));
        const sorted = [...scores].sort((a, b) => a - b);
        worstMargin = Math.min(worstMargin, sorted[1]! - sorted[0]!);
        value = value * 10 + scores.indexOf(sorted[0]!);
      }
      // A digit caught between two templates (a blurred frame) is skipped, not guessed.
      if (worstMargin < 8) unreadable++;
      else {
        const shown = Math.round(performance.timeOrigin + meta.expectedDisplayTime);
        const mod = 10 ** digits;
        latencies.push((((shown % mod) - value) % mod + mod) % mod);
      }
      if (performance.now() < until) video.requestVideoFrameCallback(onFrame);
      else resolve();
    };
    video.requestVideoFrameCallback(onFrame);
  });
  return { latencies, unreadable };
}
