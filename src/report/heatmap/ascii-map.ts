// The terminal heatmap (spec/reports.md §7.5, §4): one digit per pixel, 0 (cold) to
// 9 (hot) relative to the map's own heat range, colored with a 256-color set; blank
// where nothing is known. Then the legend and axis lines.
import { type ColorsetName, COLOR_END, colorSamples, colorStart } from '../../base/ansi-colors.ts';
import { pyFixed } from '../../base/py-format.ts';
import { pyMul } from '../../base/py-num.ts';
import { formatSz, formatSzAccurate, formatTimeNs } from '../../base/units.ts';
import type { HeatGrid } from './pixel-grid.ts';
import { pyTrueDiv } from './py-ops.ts';

export interface AsciiOptions {
  /** null: plain digits, no escape codes (NO_COLOR, --no_color). */
  colorset: ColorsetName | null;
  /** Leave out the access_frequency legend line. */
  skipColorsetExample: boolean;
  /** 'hz' when the records have intervals, else 'samples'. */
  heatUnit: string;
}

/** Lowest and highest heat of the grid; null when no pixel has one. */
export function heatRange(grid: HeatGrid): [number, number] | null {
  let lowest = Infinity;
  let highest = -Infinity;
  for (const h of grid.heats) {
    if (Number.isNaN(h)) continue;
    if (h < lowest) lowest = h;
    if (h > highest) highest = h;
  }
  return lowest <= highest ? [lowest, highest] : null;
}

export function formatAsciiMap(grid: HeatGrid, opts: AsciiOptions): string {
  const range = heatRange(grid);
  const known = range !== null;
  const [lowest, highest] = range ?? [Infinity, -Infinity];
  const set = opts.colorset;
  // Upstream's unit: the +1 keeps the hottest pixel below level 9 in practice.
  const unit = (highest + 1 - lowest) / 9;
  const lines: string[] = [];
  for (let row = 0; row < grid.rows; row++) {
    let line = '';
    for (let col = 0; col < grid.cols; col++) {
      const heat = grid.heats[row * grid.cols + col];
      if (Number.isNaN(heat)) {
        line += set ? `${colorStart(set, 4)} ` : ' ';
        continue;
      }
      const level = Math.min(Math.trunc((heat - lowest) / unit), 9);
      line += set ? `${colorStart(set, level)}${level}` : `${level}`;
    }
    lines.push(set ? line + COLOR_END : line);
  }
  if (!opts.skipColorsetExample) {
    const samples = set ? colorSamples(set) : '0123456789';
    const span = known ? `${pyFixed(lowest, 3)}-${pyFixed(highest, 3)} ${opts.heatUnit}` : `no access information in this range`;
    lines.push(`# access_frequency: ${samples} (${span})`);
  }
  const spaceSpan = pyMul(grid.addrUnit, BigInt(grid.cols));
  const timeSpan = pyMul(grid.timeUnit, BigInt(grid.rows));
  lines.push(
    `# x-axis: space [${formatSzAccurate(grid.addrStart)}, ${formatSzAccurate(grid.addrEnd)}) (${formatSz(spaceSpan)})`,
  );
  lines.push(`# y-axis: time [${formatTimeNs(grid.timeStart)}, ${formatTimeNs(grid.timeEnd)}) (${formatTimeNs(timeSpan)})`);
  const perCol = formatSz(pyTrueDiv(spaceSpan, BigInt(grid.cols)));
  const perRow = formatTimeNs(pyTrueDiv(timeSpan, BigInt(grid.rows)));
  lines.push(`# resolution: ${grid.cols}x${grid.rows} (${perCol} and ${perRow} for each character)`);
  return lines.join('\n') + '\n';
}
