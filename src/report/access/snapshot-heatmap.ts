// The one-line heatmap of a snapshot (`<heatmap>`, `<filters passed heatmap>`):
// address columns coloured by size-weighted temperature (spec/reports.md §6.5).
// Arithmetic is in doubles in upstream's order, so cells land on the same levels.
import { colored } from '../../base/ansi-colors.ts';
import { toFloat } from '../../base/py-num.ts';
import { formatNr, formatSz } from '../../base/units.ts';
import { type Region, sumRegionSizes } from '../../model/record.ts';
import type { HeatmapOptions } from './access-options.ts';
import { type TemperatureWeights, ageUsecOf, percentOf } from './region-metrics.ts';

interface Pixel {
  start: number;
  end: number;
  /** null for a column no region covers. */
  temp: number | null;
}

/** Python's float floor division (CPython's float_floor_div), exact to its rounding. */
export function pyFloorDiv(vx: number, wx: number): number {
  let mod = vx % wx;
  let div = (vx - mod) / wx;
  if (mod !== 0 && wx < 0 !== mod < 0) {
    mod += wx;
    div -= 1.0;
  }
  if (div === 0) return vx / wx < 0 ? -0 : 0;
  let floordiv = Math.floor(div);
  if (div - floordiv > 0.5) floordiv += 1.0;
  return floordiv;
}

function clippedTemperature(size: number, r: Region, weights: TemperatureWeights): number {
  const [ws, wa, wage] = weights.map(Number);
  const percent = toFloat(percentOf(r));
  const score = size * ws + percent * wa + toFloat(ageUsecOf(r)) * wage;
  return percent > 0 ? score : -score;
}

function buildPixels(regions: Region[], unit: number, weights: TemperatureWeights): Pixel[] {
  const regs = regions.map((r) => ({ start: Number(r.start), end: Number(r.end), region: r }));
  const pixels: Pixel[] = [];
  let start = regs[0].start;
  const lastEnd = regs[regs.length - 1].end;
  while (start < lastEnd) {
    const end = start + unit;
    let heat = 0;
    let covered = false;
    for (const r of regs) {
      if (end <= r.start) break;
      if (r.end <= start) continue;
      covered = true;
      const size = Math.min(end, r.end) - Math.max(start, r.start);
      heat += clippedTemperature(size, r.region, weights) * size;
    }
    if (covered) {
      pixels.push({ start, end, temp: heat / (end - start) });
      start = end;
      continue;
    }
    const next = regs.find((r) => r.start > end);
    if (!next) break;
    const nextStart = pyFloorDiv(next.start, unit) * unit;
    pixels.push({ start, end: nextStart, temp: null });
    start = nextStart;
  }
  return pixels;
}

/** Two lines: the cells, then the temperature range and column size; or 'n/a (no region)'. */
export function snapshotHeatmap(
  regions: Region[],
  opts: HeatmapOptions,
  weights: TemperatureWeights,
  raw: boolean,
): string {
  if (regions.length === 0) return 'n/a (no region)';
  let total: number;
  if (opts.static) total = Number(regions[regions.length - 1].end - regions[0].start);
  else total = Number(sumRegionSizes(regions));
  const unit = total / opts.width;
  const pixels = buildPixels(regions, unit, weights);
  let min: number | null = null;
  let max: number | null = null;
  for (const p of pixels) {
    if (p.temp === null) continue;
    if (min === null || p.temp < min) min = p.temp;
    if (max === null || p.temp > max) max = p.temp;
  }
  const lo = min ?? 0;
  const hi = max ?? 0;
  let tunit = (hi - lo) / 9;
  if (tunit === 0) tunit = hi / 9;
  if (tunit === 0) tunit = 1;
  let cells = '';
  for (const p of pixels) {
    if (p.temp === null) {
      const n = (p.end - p.start) / unit;
      cells += !opts.static && n > 4 ? '[...]' : '.'.repeat(Math.max(Math.trunc(n), 0));
      continue;
    }
    const level = Math.trunc((p.temp - lo) / tunit);
    cells += colored(`${level}`, opts.colorset, level);
  }
  const scale = `# min/max temperatures: ${formatNr(lo, raw)}, ${formatNr(hi, raw)}, column size: ${formatSz(unit, raw)}`;
  return `${cells}\n${scale}`;
}
