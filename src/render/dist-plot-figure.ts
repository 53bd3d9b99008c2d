// A distribution as a line plot with points (what upstream draws with gnuplot's
// `plot ... with linespoints`, spec/reports.md §3): x the percentile (or the index
// with --all_*), y the value; one line per target or metric, with a legend when
// there are several.
import type { DistSeries } from '../report/dist-series.ts';
import { niceRange, numberLabel, sizeLabel, sizeLabelsFor } from './axis-ticks.ts';
import { BLACK, type Figure, type FigureItem, type Rgb, WHITE } from './figure.ts';
import { type Axis, BOTTOM_MARGIN, GRAY, TICK_SIZE, TITLE_SIZE, fittedTicks, frameItems, leftMargin, textWidth } from './plot-frame.ts';

export interface DistPlotOptions {
  title: string;
  xTitle: string;
  yTitle: string;
  /** 'size': y values are bytes, labelled in binary units; 'number': plain numbers. */
  yKind: 'size' | 'number';
  /** The y values are counts: no ticks between whole numbers. */
  yWhole?: boolean;
}

/** Line colours, told apart in colour and in gray. */
export const SERIES_COLORS: readonly Rgb[] = [
  [0, 90, 181],
  [220, 50, 32],
  [0, 140, 70],
  [150, 60, 170],
  [230, 150, 0],
  [60, 60, 60],
];

const PLOT_W = 560;
const PLOT_H = 380;

export function distPlotFigure(series: readonly DistSeries[], opts: DistPlotOptions): Figure {
  const points = series.flatMap((s) => s.points);
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const [xLo, xHi] = points.length > 0 ? niceRange(Math.min(...xs), Math.max(...xs), 'number', 10) : [0, 100];
  const yMinStep = opts.yWhole ? 1 : 0;
  const [yLo, yHi] = points.length > 0 ? niceRange(Math.min(...ys), Math.max(...ys), opts.yKind, 8, yMinStep) : [0, 1];
  const yLabel = opts.yKind === 'size' ? sizeLabel : numberLabel;
  const x: Axis = { lo: xLo, hi: xHi, ticks: fittedTicks(xLo, xHi, 'number', numberLabel, PLOT_W, true), label: numberLabel, title: opts.xTitle };
  const yTicks = fittedTicks(yLo, yHi, opts.yKind, yLabel, PLOT_H, false, yMinStep);
  const y: Axis = { lo: yLo, hi: yHi, ticks: yTicks, label: opts.yKind === 'size' ? sizeLabelsFor(yTicks) : yLabel, title: opts.yTitle };
  const area = { x0: leftMargin(y), y0: 44, w: PLOT_W, h: PLOT_H };
  const px = (v: number) => area.x0 + ((v - xLo) / (xHi - xLo)) * area.w;
  const py = (v: number) => area.y0 + area.h - ((v - yLo) / (yHi - yLo)) * area.h;
  const items: FigureItem[] = frameItems(area, x, y);
  series.forEach((s, i) => {
    const color = SERIES_COLORS[i % SERIES_COLORS.length];
    const at = s.points.map(([vx, vy]) => [px(vx), py(vy)] as const);
    if (at.length > 1) items.push({ kind: 'polyline', points: at, color, width: 2 });
    for (const [mx, my] of at) items.push({ kind: 'marker', x: mx, y: my, size: 6, color });
  });
  if (points.length === 0) {
    items.push({ kind: 'text', x: area.x0 + area.w / 2, y: area.y0 + area.h / 2, text: 'no snapshot', size: TICK_SIZE, anchor: 'middle', color: GRAY });
  }
  let right = area.x0 + area.w + 28;
  if (series.length > 1) {
    const lx = right + 8;
    series.forEach((s, i) => {
      const color = SERIES_COLORS[i % SERIES_COLORS.length];
      const ly = area.y0 + 10 + i * 22;
      items.push({ kind: 'polyline', points: [[lx, ly], [lx + 24, ly]], color, width: 2 });
      items.push({ kind: 'marker', x: lx + 12, y: ly, size: 6, color });
      items.push({ kind: 'text', x: lx + 32, y: ly, text: s.label, size: TICK_SIZE, anchor: 'start', color: BLACK });
      right = Math.max(right, lx + 32 + textWidth(s.label, TICK_SIZE) + 12);
    });
  }
  const titleW = textWidth(opts.title, TITLE_SIZE);
  const width = Math.ceil(Math.max(right, area.x0 + area.w / 2 + titleW / 2 + 10));
  items.push({ kind: 'text', x: Math.max(area.x0 + area.w / 2, titleW / 2 + 10), y: 20, text: opts.title, size: TITLE_SIZE, anchor: 'middle', color: BLACK });
  return { width, height: area.y0 + area.h + BOTTOM_MARGIN, background: WHITE, title: opts.title, items };
}
