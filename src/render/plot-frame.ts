// The parts every plot shares: a framed plot area with tick marks, tick labels and
// axis titles, and margins wide enough for the labels in every output type (sized
// for the bitmap font, the widest of them).
import { rasterTextWidth } from './bitmap-font.ts';
import { axisTicks } from './axis-ticks.ts';
import { BLACK, type FigureItem, type Rgb } from './figure.ts';

export const TITLE_SIZE = 16;
export const LABEL_SIZE = 14;
export const TICK_SIZE = 12;
export const GRAY: Rgb = [120, 120, 120];
const TICK_LEN = 5;

export interface Axis {
  lo: number;
  hi: number;
  ticks: number[];
  label: (v: number) => string;
  title: string;
}

export interface PlotArea {
  x0: number;
  y0: number;
  w: number;
  h: number;
}

export function textWidth(text: string, size: number): number {
  return rasterTextWidth(text, size);
}

/**
 * Ticks for an axis `length` pixels long whose labels do not collide: horizontal
 * labels (x axis) need their width apart, vertical stacking (y axis) their height.
 */
export function fittedTicks(
  lo: number,
  hi: number,
  kind: 'number' | 'size' | 'time',
  label: (v: number) => string,
  length: number,
  horizontal: boolean,
  minStep = 0,
): number[] {
  for (let most = 10; most > 2; most--) {
    const ticks = axisTicks(lo, hi, kind, most, minStep);
    if (ticks.length < 2) return ticks;
    const gap = (length * (ticks[1] - ticks[0])) / (hi - lo);
    const need = horizontal ? Math.max(...ticks.map((t) => textWidth(label(t), TICK_SIZE))) + 16 : 2.5 * TICK_SIZE;
    if (gap >= need) return ticks;
  }
  return axisTicks(lo, hi, kind, 2, minStep);
}

/** Room left of the plot area for the y tick labels and the y axis title. */
export function leftMargin(y: Axis): number {
  const widest = Math.max(0, ...y.ticks.map((t) => textWidth(y.label(t), TICK_SIZE)));
  return Math.ceil(12 + LABEL_SIZE + 14 + widest + TICK_LEN + 6);
}

/** Room below the plot area for the x tick labels and the x axis title. */
export const BOTTOM_MARGIN = 64;

/** Frame, ticks, tick labels and axis titles; y grows upwards in the axis. */
export function frameItems(area: PlotArea, x: Axis, y: Axis): FigureItem[] {
  const items: FigureItem[] = [{ kind: 'rect', x: area.x0, y: area.y0, w: area.w, h: area.h, stroke: BLACK }];
  const bottom = area.y0 + area.h;
  for (const t of x.ticks) {
    const px = area.x0 + ((t - x.lo) / (x.hi - x.lo || 1)) * area.w;
    items.push({ kind: 'polyline', points: [[px, bottom], [px, bottom + TICK_LEN]], color: BLACK, width: 1 });
    items.push({ kind: 'text', x: px, y: bottom + TICK_LEN + 10, text: x.label(t), size: TICK_SIZE, anchor: 'middle', color: BLACK });
  }
  for (const t of y.ticks) {
    const py = bottom - ((t - y.lo) / (y.hi - y.lo || 1)) * area.h;
    items.push({ kind: 'polyline', points: [[area.x0 - TICK_LEN, py], [area.x0, py]], color: BLACK, width: 1 });
    items.push({ kind: 'text', x: area.x0 - TICK_LEN - 6, y: py, text: y.label(t), size: TICK_SIZE, anchor: 'end', color: BLACK });
  }
  items.push({ kind: 'text', x: area.x0 + area.w / 2, y: bottom + 44, text: x.title, size: LABEL_SIZE, anchor: 'middle', color: BLACK });
  items.push({
    kind: 'text',
    x: 12 + LABEL_SIZE / 2,
    y: area.y0 + area.h / 2,
    text: y.title,
    size: LABEL_SIZE,
    anchor: 'middle',
    color: BLACK,
    vertical: true,
  });
  return items;
}
