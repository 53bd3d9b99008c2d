// The heatmap as a picture (spec/reports.md §7.7: what upstream's gnuplot image
// shows): time runs right, addresses up, each grid pixel coloured by its heat on a
// linear scale from the map's lowest to highest heat, with a colour bar. The grid is
// the one `--output raw` prints, at the same resolution.
import { type PyNum, toFloat } from '../base/py-num.ts';
import { formatSzAccurate, formatTimeNs } from '../base/units.ts';
import { heatRange } from '../report/heatmap/ascii-map.ts';
import type { HeatGrid } from '../report/heatmap/pixel-grid.ts';
import { numberLabel, sizeLabel, sizeLabelsFor } from './axis-ticks.ts';
import { BLACK, type Figure, type FigureItem, type RgbImage, WHITE } from './figure.ts';
import { NO_DATA, heatColor } from './palette.ts';
import {
  type Axis,
  BOTTOM_MARGIN,
  GRAY,
  LABEL_SIZE,
  TICK_SIZE,
  TITLE_SIZE,
  fittedTicks,
  frameItems,
  leftMargin,
  textWidth,
} from './plot-frame.ts';

export interface HeatmapPictureOptions {
  title: string;
  /** 'hz' or 'samples', as the records give it. */
  heatUnit: string;
  absTime: boolean;
  absAddr: boolean;
  /** The address axis then means memory size ordered by temperature. */
  sortTemperature: boolean;
}

/** Grid pixels drawn per data pixel: about 500 screen pixels an axis, never less than 1. */
function pixelScale(n: number): number {
  return Math.max(1, Math.floor(500 / n));
}

/** Position of a heat on the colour scale, 0 (lowest) to 1 (highest). */
export function heatShare(h: number, range: [number, number]): number {
  return range[1] > range[0] ? (h - range[0]) / (range[1] - range[0]) : 0;
}

/** One image pixel per grid pixel: x = time slot, y = address slot from the top (highest). */
export function heatImage(grid: HeatGrid): RgbImage {
  const range = heatRange(grid);
  const { rows, cols } = grid;
  const rgb = new Uint8Array(rows * cols * 3);
  for (let t = 0; t < rows; t++) {
    for (let a = 0; a < cols; a++) {
      const h = grid.heats[t * cols + a];
      const color = Number.isNaN(h) || !range ? NO_DATA : heatColor(heatShare(h, range));
      rgb.set(color, ((cols - 1 - a) * rows + t) * 3);
    }
  }
  return { width: rows, height: cols, rgb };
}

function colorBarImage(): RgbImage {
  const steps = 256;
  const rgb = new Uint8Array(steps * 3);
  for (let i = 0; i < steps; i++) rgb.set(heatColor(1 - i / (steps - 1)), i * 3);
  return { width: 1, height: steps, rgb };
}

function f(x: PyNum): number {
  return toFloat(x);
}

export function heatmapFigure(grid: HeatGrid, opts: HeatmapPictureOptions): Figure {
  const w = grid.rows * pixelScale(grid.rows);
  const h = grid.cols * pixelScale(grid.cols);
  const t0 = opts.absTime ? f(grid.timeStart) : 0;
  const a0 = opts.absAddr ? f(grid.addrStart) : 0;
  const tSpan = f(grid.timeUnit) * grid.rows;
  const aSpan = Number(grid.addrUnit * BigInt(grid.cols));
  const timeLabel = (v: number) => formatTimeNs(v);
  const addrLabel = opts.absAddr ? (v: number) => formatSzAccurate(BigInt(Math.round(v))) : sizeLabel;
  const x: Axis = {
    lo: t0,
    hi: t0 + tSpan,
    ticks: fittedTicks(t0, t0 + tSpan, 'time', timeLabel, w, true),
    label: timeLabel,
    title: opts.absTime ? 'time' : `time (from ${formatTimeNs(grid.timeStart)})`,
  };
  const yTicks = fittedTicks(a0, a0 + aSpan, 'size', addrLabel, h, false);
  const y: Axis = {
    lo: a0,
    hi: a0 + aSpan,
    ticks: yTicks,
    label: opts.absAddr ? addrLabel : sizeLabelsFor(yTicks),
    title: opts.sortTemperature ? 'size (coldest regions first)' : opts.absAddr ? 'address' : `address (from ${formatSzAccurate(grid.addrStart)})`,
  };
  const x0 = leftMargin(y);
  const y0 = 44;
  const area = { x0, y0, w, h };
  const items: FigureItem[] = [{ kind: 'image', x: x0, y: y0, w, h, image: heatImage(grid) }, ...frameItems(area, x, y)];

  // The colour bar: hottest on top, labelled in heat units.
  const range = heatRange(grid) ?? [0, 0];
  const cbX = x0 + w + 24;
  const cbW = 18;
  items.push({ kind: 'image', x: cbX, y: y0, w: cbW, h, image: colorBarImage() });
  items.push({ kind: 'rect', x: cbX, y: y0, w: cbW, h, stroke: BLACK });
  const cbTicks = heatRange(grid) ? fittedTicks(range[0], range[1], 'number', numberLabel, h, false) : [];
  let cbLabelW = 0;
  for (const t of cbTicks) {
    const py = y0 + h - heatShare(t, range) * h;
    items.push({ kind: 'polyline', points: [[cbX + cbW, py], [cbX + cbW + 4, py]], color: BLACK, width: 1 });
    items.push({ kind: 'text', x: cbX + cbW + 8, y: py, text: numberLabel(t), size: TICK_SIZE, anchor: 'start', color: BLACK });
    cbLabelW = Math.max(cbLabelW, textWidth(numberLabel(t), TICK_SIZE));
  }
  const cbTitleX = cbX + cbW + 8 + cbLabelW + 12 + LABEL_SIZE / 2;
  const cbTitle = heatRange(grid) ? `access frequency (${opts.heatUnit})` : 'access frequency (no access information)';
  items.push({ kind: 'text', x: cbTitleX, y: y0 + h / 2, text: cbTitle, size: LABEL_SIZE, anchor: 'middle', color: BLACK, vertical: true });
  // What the light gray cells mean.
  const keyY = y0 + h + 16;
  items.push({ kind: 'rect', x: cbX, y: keyY - 6, w: 12, h: 12, fill: NO_DATA, stroke: GRAY });
  items.push({ kind: 'text', x: cbX + 18, y: keyY, text: 'no data', size: TICK_SIZE, anchor: 'start', color: BLACK });

  const titleW = textWidth(opts.title, TITLE_SIZE);
  const width = Math.ceil(
    Math.max(cbTitleX + LABEL_SIZE, cbX + 18 + textWidth('no data', TICK_SIZE), x0 + w / 2 + titleW / 2) + 14,
  );
  items.push({ kind: 'text', x: Math.max(x0 + w / 2, titleW / 2 + 10), y: 20, text: opts.title, size: TITLE_SIZE, anchor: 'middle', color: BLACK });
  return { width, height: y0 + h + BOTTOM_MARGIN, background: WHITE, title: opts.title, items };
}
