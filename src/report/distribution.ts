// The percentile-distribution printer shared by wss, footprints and holistic
// (spec/reports.md §3): an average line, then one line per percentile with a bar.
import { pyD } from '../base/py-format.ts';
import { type PyNum, pyDiv, toFloat } from '../base/py-num.ts';
import { UserError } from '../base/user-error.ts';

export interface DistributionOptions {
  /** The metric's name, shown as `# <percentile> <name>`. */
  metric: string;
  percentiles: number[];
  /** One `idx value` line per value instead of percentiles (`--all_wss`, `--all_footprint`). */
  printAll: boolean;
  format: (v: PyNum) => string;
  /** Width of the bar after each percentile line; 0 for no bar. */
  nrColsBar: number;
}

/** Percentiles from upstream's `--range start stop step` (Python range semantics). */
export function percentilesFromRange(range: readonly string[]): number[] {
  const [start, stop, step] = range.map((t) => {
    if (!/^[-+]?\d+$/.test(t.trim())) throw new UserError(`--range takes integers, got '${t}'`);
    return Number(t);
  });
  if (step === 0) throw new UserError('--range step must not be zero');
  const out: number[] = [];
  for (let p = start; step > 0 ? p < stop : p > stop; p += step) {
    // Upstream indexes the sorted values with p/100*len, so only 0..100 mean anything;
    // outside that it reads from the wrong end or crashes.
    if (p < 0 || p > 100) throw new UserError(`--range gives percentile ${p}; percentiles must be within 0 and 100`);
    out.push(p);
  }
  return out;
}

/** The value at a percentile of ascending-or-time-ordered values (clamped to the last one). */
export function valueAtPercentile<T>(values: readonly T[], percentile: number): T {
  let idx = Math.trunc((percentile / 100.0) * values.length);
  if (idx >= values.length) idx = values.length - 1;
  return values[idx];
}

function sumOf(values: readonly PyNum[]): PyNum {
  let intSum = 0n;
  let floatSum = 0;
  let anyFloat = false;
  for (const v of values) {
    if (typeof v === 'bigint') intSum += v;
    else {
      anyFloat = true;
      floatSum += v;
    }
  }
  return anyFloat ? Number(intSum) + floatSum : intSum;
}

/** Python's sum(values) / len(values): a float. */
export function average(values: readonly PyNum[]): number {
  return pyDiv(sumOf(values), BigInt(values.length));
}

/** The distribution text, without a trailing newline (callers add it). */
export function formatDistribution(values: readonly PyNum[], opts: DistributionOptions): string {
  const lines = [`# <percentile> <${opts.metric}>`];
  if (values.length === 0) {
    lines.push('# no snapshot');
    return lines.join('\n');
  }
  lines.push(`# avr:\t${opts.format(average(values))}`);
  if (opts.printAll) {
    values.forEach((v, i) => lines.push(`${i} ${opts.format(v)}`));
    return lines.join('\n');
  }
  let maxVal = -Infinity;
  for (const p of opts.percentiles) maxVal = Math.max(maxVal, toFloat(valueAtPercentile(values, p)));
  const valPerCol = maxVal <= 0 ? 1 : maxVal / opts.nrColsBar;
  for (const p of opts.percentiles) {
    const v = valueAtPercentile(values, p);
    let line = `${pyD(p).padStart(3)} ${opts.format(v).padStart(15)}`;
    if (opts.nrColsBar > 0) {
      const cols = Math.trunc(toFloat(v) / valPerCol);
      line += ` |${'*'.repeat(Math.max(cols, 0))}${' '.repeat(Math.max(opts.nrColsBar - cols, 0))}|`;
    }
    lines.push(line);
  }
  return lines.join('\n');
}
