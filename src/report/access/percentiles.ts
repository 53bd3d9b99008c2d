// Idle time or temperature at percentiles of a snapshot's bytes (`<recency
// percentiles>`, `<temperature percentiles>` and df-passed variants; spec/reports.md §6.8).
import { type PyNum, pyCompare, toFloat } from '../../base/py-num.ts';

export interface PercentilesInput {
  points: { metric: PyNum; count: PyNum }[];
  /** e.g. '<percentile> <idle time>' */
  header: string;
  formatValue: (v: PyNum) => string;
}

/** --percentiles_range: up to three numbers are Python range() arguments, more are a list. */
export function percentilesFromArgs(values: number[]): number[] {
  if (values.length > 3) return [...values].sort((a, b) => a - b);
  const [a, b, c] = values;
  const [start, stop, step] = values.length === 1 ? [0, a, 1] : [a, b, c ?? 1];
  const out: number[] = [];
  if (step === 0) return out;
  for (let v = start; step > 0 ? v < stop : v > stop; v += step) out.push(v);
  return out;
}

export function percentilesText(input: PercentilesInput, percentiles: number[]): string {
  if (input.points.length === 0) return 'no region in snapshot';
  const sorted = [...input.points].sort((a, b) => pyCompare(a.metric, b.metric));
  const total = sorted.reduce((sum, p) => sum + toFloat(p.count), 0);
  // Upstream divides by zero here; we say there is nothing to count instead.
  if (total === 0) return 'no byte to show percentiles of';
  const pending = [...percentiles];
  const found: [number, PyNum][] = [];
  let pct = 0.0;
  let last = sorted[0];
  for (const p of sorted) {
    last = p;
    pct += (toFloat(p.count) * 100) / total;
    while (pending.length > 0 && pct >= pending[0]) found.push([pending.shift() as number, p.metric]);
    if (pct >= 100.0) break;
  }
  if (pending.includes(100)) found.push([100, last.metric]);
  if (found.length === 0) return input.header;
  const pTexts = found.map(([p]) => `${p}`);
  const vTexts = found.map(([, v]) => input.formatValue(v));
  const pWidth = Math.max(...pTexts.map((t) => t.length));
  const vWidth = Math.max(...vTexts.map((t) => t.length));
  const first = toFloat(found[0][1]);
  const lastV = toFloat(found[found.length - 1][1]);
  const perDot = lastV === first ? 1 : (lastV - first) / 20;
  const lines = found.map(([, v], i) => {
    const b = Math.max(Math.min(Math.trunc((toFloat(v) - first) / perDot), 20), 0);
    return `${pTexts[i].padStart(pWidth)}  ${vTexts[i].padStart(vWidth)}  |${'*'.repeat(b)}${' '.repeat(20 - b)}|`;
  });
  return [input.header, ...lines].join('\n');
}
