import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatTick } from './clock-time';

export interface ChartSeries {
  label: string;
  values: (number | null)[];
  /** A token of tokens.css, e.g. `--chart-1`. */
  colour: string;
  /** Drawn against the right-hand axis (a second unit, e.g. GMV beside orders). */
  right?: boolean;
  bars?: boolean;
}

export interface ChartBand {
  from: number;
  to: number;
  label: string;
}

/** The x axis spans at least this (a show's first minutes are not stretched over years). */
const MIN_SPAN_S = 10 * 60;

/** The x axis from the first minute to the last, or MIN_SPAN_S if the show is younger. */
function spanX(u: uPlot, x: number[]): void {
  if (x.length === 0) return;
  const min = x[0]!;
  u.setScale('x', { min: min - 30, max: Math.max(x.at(-1)! + 30, min + MIN_SPAN_S) });
}

/** A colour token's value: the canvas cannot read CSS variables itself. */
const token = (name: string): string => getComputedStyle(document.documentElement).getPropertyValue(name).trim();

/**
 * A small time chart (uPlot): minutes on the x axis (unix seconds), one or two units, and shaded
 * bands (the explained products' windows) under the lines. Data changes are applied to the same
 * chart (setData), so a chart that moves every few seconds neither flickers nor loses its size.
 */
export function TimeChart({ title, x, series, bands = [], height = 180 }: { title: string; x: number[]; series: ChartSeries[]; bands?: ChartBand[]; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const bandsRef = useRef(bands);
  bandsRef.current = bands;
  const shape = series.map((s) => `${s.label}:${s.colour}:${s.right ? 1 : 0}:${s.bars ? 1 : 0}`).join('|');

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const grid = { stroke: token('--chart-grid'), width: 1 };
    const axis = { stroke: token('--chart-axis'), grid, ticks: grid };
    const hasRight = series.some((s) => s.right);
    const opts: uPlot.Options = {
      width: Math.max(el.clientWidth, 200),
      height,
      legend: { live: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true, auto: false }, y: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.1] }, r: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.1] } },
      axes: [{ ...axis, values: (_u: uPlot, splits: number[]) => splits.map(formatTick) }, { ...axis, scale: 'y', size: 50 }, ...(hasRight ? [{ ...axis, scale: 'r', side: 1 as const, grid: { show: false }, size: 60 }] : [])],
      series: [
        {},
        ...series.map((s) => ({
          label: s.label,
          stroke: token(s.colour),
          width: 2,
          scale: s.right ? 'r' : 'y',
          ...(s.bars ? { paths: uPlot.paths.bars!({ size: [0.6, 40] }), fill: token(s.colour), width: 0 } : {}),
          // A line needs two points: the first minutes of a show are drawn as dots.
          points: { show: (p: uPlot) => p.data[0].length < 3, size: 6 },
        })),
      ],
      hooks: {
        drawClear: [
          (u) => {
            const ctx = u.ctx;
            ctx.save();
            ctx.fillStyle = token('--chart-band');
            ctx.strokeStyle = token('--chart-band-line');
            for (const b of bandsRef.current) {
              const x0 = u.valToPos(b.from, 'x', true);
              const x1 = u.valToPos(b.to, 'x', true);
              const left = Math.max(x0, u.bbox.left);
              const right = Math.min(x1, u.bbox.left + u.bbox.width);
              if (right <= left) continue;
              ctx.fillRect(left, u.bbox.top, right - left, u.bbox.height);
              ctx.beginPath();
              ctx.moveTo(left, u.bbox.top);
              ctx.lineTo(left, u.bbox.top + u.bbox.height);
              ctx.stroke();
            }
            ctx.restore();
          },
        ],
      },
    };
    const u = new uPlot(opts, [x, ...series.map((s) => s.values)] as uPlot.AlignedData, el);
    chart.current = u;
    spanX(u, x);
    const resize = new ResizeObserver(() => u.setSize({ width: Math.max(el.clientWidth, 200), height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.destroy();
      chart.current = null;
    };
    // Built again only when the lines themselves change; new data goes through setData below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shape, height]);

  useEffect(() => {
    const u = chart.current;
    if (!u) return;
    u.setData([x, ...series.map((s) => s.values)] as uPlot.AlignedData);
    spanX(u, x);
  });

  return (
    <figure className="tchart">
      <figcaption>{title}</figcaption>
      <div ref={box} className="tchart-plot" data-points={x.length} />
    </figure>
  );
}
