// Moving the heatmap's view for `--interactive_edit` (spec/reports.md §7.8): zoom
// around the center or scroll by a share of the current span, on the time axis,
// the address axis or both. Percentages are exact integer arithmetic on the ranges.
import { pyInt } from '../../base/py-num.ts';
import type { ResolvedRanges } from './complete-ranges.ts';

export type Axis = 'time' | 'space' | 'both';

/** Range scaled to `percent` % of its span around its center (100 keeps it). */
function zoomRange(start: bigint, end: bigint, percent: number): [bigint, bigint] {
  const span = end - start;
  const newSpan = (span * BigInt(Math.round(percent * 1000))) / 100000n;
  const center = start + span / 2n;
  const s = center - newSpan / 2n;
  return [s, s + (newSpan > 0n ? newSpan : 1n)];
}

/** Range moved by `percent` % of its span (negative: toward lower values). */
function scrollRange(start: bigint, end: bigint, percent: number): [bigint, bigint] {
  const shift = ((end - start) * BigInt(Math.round(percent * 1000))) / 100000n;
  return [start + shift, end + shift];
}

function clampLow(r: [bigint, bigint]): [bigint, bigint] {
  return r[0] < 0n ? [0n, r[1] - r[0]] : r;
}

function apply(resolved: ResolvedRanges, axis: Axis, f: (s: bigint, e: bigint) => [bigint, bigint]): ResolvedRanges {
  const t = resolved.timeRange;
  return {
    id: resolved.id,
    timeRange: axis === 'space' ? t : f(pyInt(t[0]), pyInt(t[1])),
    addressRanges: axis === 'time' ? resolved.addressRanges : resolved.addressRanges.map(([s, e]) => clampLow(f(s, e))),
  };
}

export function zoomView(resolved: ResolvedRanges, axis: Axis, percent: number): ResolvedRanges {
  return apply(resolved, axis, (s, e) => zoomRange(s, e, percent));
}

export function scrollView(resolved: ResolvedRanges, axis: Axis, percent: number): ResolvedRanges {
  return apply(resolved, axis, (s, e) => scrollRange(s, e, percent));
}
