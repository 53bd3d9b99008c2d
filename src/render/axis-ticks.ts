// Tick positions and labels for plot axes: round steps in the axis' own unit
// (1-2-5 for counts, binary sizes B/KiB/MiB..., clock-like steps for time), labelled
// in the units damo's text reports use.
import { SIZE_UNITS } from '../base/units.ts';

const S = 1e9;
/** Time steps (ns) past 10 s follow the clock, not powers of ten. */
const CLOCK_STEPS = [10, 20, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400].map((s) => s * S);

function trimmed(v: number, digits: number): string {
  const text = v.toFixed(digits);
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** A plain number for a tick: up to 3 decimals, thousands grouped (1,234.5). */
export function numberLabel(v: number): string {
  if (Math.abs(v) >= 1e15 || (v !== 0 && Math.abs(v) < 1e-3)) return v.toExponential(2);
  const [int, frac] = trimmed(Math.abs(v), 3).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${v < 0 ? '-' : ''}${grouped}${frac ? `.${frac}` : ''}`;
}

/** A size for a tick in binary units: '0 B', '512 KiB', '1.5 GiB'. */
export function sizeLabel(v: number): string {
  const a = Math.abs(v);
  for (const [unit, name] of SIZE_UNITS) if (a >= unit) return `${v < 0 ? '-' : ''}${trimmed(a / unit, 3)} ${name}`;
  return `${trimmed(v, 0)} B`;
}

function candidateSteps(kind: 'number' | 'size' | 'time', span: number): number[] {
  const out: number[] = [];
  if (kind === 'size') {
    for (let u = 1; u <= 2 ** 60; u *= 1024) for (const m of [1, 2, 5, 10, 20, 50, 100, 200, 500]) out.push(m * u);
    return out;
  }
  const top = Math.max(span, 1);
  for (let p = 10 ** Math.floor(Math.log10(top) - 8); p <= top * 10; p *= 10) {
    for (const m of [1, 2, 5]) {
      const step = m * p;
      if (kind === 'time' && step >= 10 * S) continue;
      out.push(step);
    }
  }
  if (kind === 'time') out.push(...CLOCK_STEPS, ...[2, 5, 10, 20, 50, 100].map((d) => d * 86400 * S));
  return out.sort((a, b) => a - b);
}

/** Multiples of a round step (at least `minStep`) within [lo, hi], at most about `most` of them. */
export function axisTicks(lo: number, hi: number, kind: 'number' | 'size' | 'time', most = 6, minStep = 0): number[] {
  if (!(hi > lo)) return [lo];
  const span = hi - lo;
  const step = candidateSteps(kind, span).find((s) => s >= minStep && span / s <= most) ?? Math.max(span, minStep);
  const ticks: number[] = [];
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++) ticks.push(k === 0 ? 0 : k * step);
  return ticks;
}

/** [lo, hi] widened to whole steps of its round ticks (and apart when equal). */
export function niceRange(lo: number, hi: number, kind: 'number' | 'size' | 'time', most = 8, minStep = 0): [number, number] {
  if (!(hi > lo)) {
    const pad = Math.max(1, Math.abs(lo) * 0.1);
    [lo, hi] = [lo >= 0 && lo - pad < 0 ? 0 : lo - pad, hi + pad];
  }
  const ticks = axisTicks(lo, hi, kind, most, minStep);
  if (ticks.length < 2) return [lo, hi];
  const step = ticks[1] - ticks[0];
  return [Math.floor(lo / step + 1e-9) * step, Math.ceil(hi / step - 1e-9) * step];
}

/**
 * Size labels in one unit for a whole axis, the unit of its tick step (so 800 MiB
 * is followed by 1000 MiB, not 0.977 GiB).
 */
export function sizeLabelsFor(ticks: readonly number[]): (v: number) => string {
  const step = ticks.length > 1 ? Math.abs(ticks[1] - ticks[0]) : Math.abs(ticks[0] ?? 0);
  const found = SIZE_UNITS.find(([unit]) => step >= unit);
  if (!found) return sizeLabel;
  const [unit, name] = found;
  return (v) => `${trimmed(v / unit, 3)} ${name}`;
}
