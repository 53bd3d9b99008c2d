// Size histograms by idle time or temperature (`<recency-sz histogram>`,
// `<temperature-sz histogram>` and their df-passed variants; spec/reports.md §6.7).
import { type PyNum, pyAdd, pyCompare, pyMul, pySub, toFloat } from '../../base/py-num.ts';
import { formatSz } from '../../base/units.ts';
import type { HistogramOptions } from './access-options.ts';

export interface HistogramInput {
  /** The metric (idle time or temperature) of each region, and the bytes it counts. */
  points: { metric: PyNum; count: PyNum }[];
  /** Reads a --hist_ranges bound for this metric. */
  parseBound: (text: string) => PyNum;
  formatBound: (v: PyNum) => string;
}

type Range = [PyNum, PyNum];

function pyCeil(x: number): bigint {
  return BigInt(Math.ceil(x));
}

function maxOf(a: PyNum, b: PyNum): PyNum {
  return pyCompare(a, b) >= 0 ? a : b;
}

function defaultRanges(mn: PyNum, mx: PyNum, opts: HistogramOptions): Range[] {
  const ranges: Range[] = [];
  if (opts.logscale) {
    const first = maxOf(BigInt(Math.trunc(toFloat(pySub(mx, mn)) / 2 ** 10)), 1n);
    ranges.push([mn, pyAdd(mn, first)]);
    while (pyCompare(ranges[ranges.length - 1][1], mx) < 0) {
      const [s, e] = ranges[ranges.length - 1];
      ranges.push([opts.cumulate ? mn : e, pyAdd(e, pyMul(2n, pySub(e, s)))]);
    }
    return ranges;
  }
  const iv = maxOf(pyCeil(toFloat(pySub(pyAdd(mx, 1n), mn)) / 10), 1n);
  for (let i = 0n; i < 10n; i++) {
    const start = opts.cumulate ? mn : pyAdd(mn, pyMul(iv, i));
    ranges.push([start, pyAdd(mn, pyMul(iv, i + 1n))]);
  }
  return ranges;
}

export function sizeHistogram(input: HistogramInput, opts: HistogramOptions, raw: boolean): string {
  const { points } = input;
  if (points.length === 0) return 'no region in snapshot';
  let mn = points[0].metric;
  let mx = points[0].metric;
  for (const p of points) {
    if (pyCompare(p.metric, mn) < 0) mn = p.metric;
    if (pyCompare(p.metric, mx) > 0) mx = p.metric;
  }
  let ranges: Range[];
  if (opts.ranges) {
    ranges = [];
    for (let i = 0; i + 1 < opts.ranges.length; i += 2) {
      ranges.push([input.parseBound(opts.ranges[i]), input.parseBound(opts.ranges[i + 1])]);
    }
  } else {
    ranges = defaultRanges(mn, mx, opts);
  }
  const rows = ranges.map(([start, end]) => {
    let y: PyNum = 0n;
    for (const p of points) {
      if (pyCompare(start, p.metric) <= 0 && pyCompare(p.metric, end) < 0) y = pyAdd(y, p.count);
    }
    return { x: `[${input.formatBound(start)}, ${input.formatBound(end)})`, y };
  });
  const ys = rows.map((r) => toFloat(r.y));
  const miny = Math.min(...ys);
  const maxy = Math.max(...ys);
  const dotIv = Math.max(Math.trunc((maxy - miny) / 20), 1);
  const yTexts = rows.map((r) => formatSz(r.y, raw));
  const xWidth = Math.max(...rows.map((r) => r.x.length));
  const yWidth = Math.max(...yTexts.map((t) => t.length));
  return rows
    .map((r, i) => {
      const n = Math.min(Math.ceil((ys[i] - miny) / dotIv), 20);
      return `${r.x.padEnd(xWidth)} ${yTexts[i].padEnd(yWidth)} |${'*'.repeat(n)}${' '.repeat(20 - n)}|`;
    })
    .join('\n');
}
