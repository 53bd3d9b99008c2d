// The points of a distribution plot (`--plot` of wss, nr_regions and footprints,
// spec/reports.md §3, §9-§11): the values upstream hands gnuplot, i.e. (percentile,
// value at that percentile) or, with --all_*, (index, value) for every value.
import { type PyNum, toFloat } from '../base/py-num.ts';
import { valueAtPercentile } from './distribution.ts';

export interface DistSeries {
  /** What the line is, e.g. 'target 0' or 'rss'. */
  label: string;
  /** [x, y]: x a percentile or an index, y the value. */
  points: [number, number][];
}

export function distSeries(label: string, values: readonly PyNum[], percentiles: readonly number[], printAll: boolean): DistSeries {
  if (values.length === 0) return { label, points: [] };
  const points: [number, number][] = printAll
    ? values.map((v, i) => [i, toFloat(v)])
    : percentiles.map((p) => [p, toFloat(valueAtPercentile(values, p))]);
  return { label, points };
}
