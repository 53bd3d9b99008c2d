// The `<box>` region keyword and `<region box description>`: a region drawn as a
// box whose length, color and height show chosen access-pattern values
// (spec/reports.md §6.6). Value ranges span every region of every record shown.
import { colorSamples, colored } from '../../base/ansi-colors.ts';
import { toFloat } from '../../base/py-num.ts';
import { formatPercent, formatSz, formatTimeUs } from '../../base/units.ts';
import { UserError } from '../../base/user-error.ts';
import type { DamonRecord, Region } from '../../model/record.ts';
import type { BoxScale, BoxValueName, RegionBoxOptions } from './access-options.ts';
import { ageUsecOf, percentOf } from './region-metrics.ts';

type BoxValue = Exclude<BoxValueName, 'none'>;

/** [min, max] of each value over all regions. */
export type BoxRanges = Record<BoxValue, [number, number]>;

function valueOf(r: Region, name: BoxValue): number {
  if (name === 'size') return Number(r.end - r.start);
  if (name === 'access_rate') return toFloat(percentOf(r));
  return toFloat(ageUsecOf(r));
}

export function boxRangesOf(records: DamonRecord[]): BoxRanges {
  const ranges = {} as BoxRanges;
  for (const name of ['size', 'access_rate', 'age'] as const) {
    let min = Infinity;
    let max = -Infinity;
    for (const rec of records) {
      for (const s of rec.snapshots) {
        for (const r of s.regions) {
          const v = valueOf(r, name);
          if (v < min) min = v;
          if (v > max) max = v;
        }
      }
    }
    ranges[name] = min === Infinity ? [0, 0] : [min, max];
  }
  return ranges;
}

/** Upstream fails with a Python error on 'none'; we say what is wrong instead. */
export function checkBoxValues(values: BoxValueName[]): void {
  if (values.includes('none')) {
    throw new UserError("--region_box_values: 'none' is not supported; use size, access_rate or age for each dimension");
  }
}

function rescale(v: number, [mn, mx]: [number, number], [nmn, nmx]: [number, number], scale: BoxScale): number {
  if (scale === 'log') {
    const lg = (x: number) => (x > 0 ? Math.log2(x) : 0);
    v = lg(v);
    mn = lg(mn);
    mx = lg(mx);
  }
  const ratio = mx - mn > 0 ? (nmx - nmn) / (mx - mn) : 1;
  return (v - mn) * ratio + nmn;
}

export function regionBox(r: Region, opts: RegionBoxOptions, ranges: BoxRanges): string {
  const [lenName, colorName, heightName] = opts.values as BoxValue[];
  const [lenScale, colorScale, heightScale] = opts.scales;
  const length = Math.trunc(rescale(valueOf(r, lenName), ranges[lenName], opts.minMaxLength, lenScale));
  const level = Math.trunc(rescale(valueOf(r, colorName), ranges[colorName], [0, 9], colorScale));
  const height = Math.trunc(rescale(valueOf(r, heightName), ranges[heightName], opts.minMaxHeight, heightScale));
  let row = `|${colored(`${level}`.repeat(Math.max(length, 0)), opts.colorset, level)}|`;
  if (opts.align === 'right') row = ' '.repeat(Math.max(opts.minMaxLength[1] - length, 0)) + row;
  const box = Array.from({ length: Math.max(height, 0) }, () => row).join('\n');
  return opts.minMaxHeight[1] > 1 ? `${box}\n` : box;
}

function rangeText(name: BoxValue, [mn, mx]: [number, number], raw: boolean): string {
  if (name === 'size') return `[${formatSz(mn, raw)}, ${formatSz(mx, raw)}]`;
  if (name === 'access_rate') return `[${formatPercent(mn, raw)}, ${formatPercent(mx, raw)}]`;
  // Upstream leaves a space after the age range, hence two before 'with'.
  return `[${formatTimeUs(mn, raw)}, ${formatTimeUs(mx, raw)}] `;
}

const scaleText = (s: BoxScale) => (s === 'log' ? 'logscale' : 'linearscale');

export function regionBoxDescription(opts: RegionBoxOptions, ranges: BoxRanges, raw: boolean): string {
  const [lenName, colorName, heightName] = opts.values as BoxValue[];
  const [lenScale, colorScale, heightScale] = opts.scales;
  const [lmin, lmax] = opts.minMaxLength;
  const [hmin, hmax] = opts.minMaxHeight;
  return [
    `# length: ${lenName} (represents ${rangeText(lenName, ranges[lenName], raw)} with [${lmin}, ${lmax}] columns in ${scaleText(lenScale)})`,
    `# color: ${colorName} (represents ${rangeText(colorName, ranges[colorName], raw)} with [0, 9] number and color (${colorSamples(opts.colorset)}) in ${scaleText(colorScale)})`,
    `# height: ${heightName} (represents ${rangeText(heightName, ranges[heightName], raw)} with [${hmin}, ${hmax}] rows in ${scaleText(heightScale)})`,
  ].join('\n');
}
