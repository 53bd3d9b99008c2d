// What a record from DAMON can never hold, checked on the model so every reader (json,
// perf_script, legacy, a fast scanner) and `damo validate` share one set of rules:
// the kernel keeps a target's regions non-empty, sorted and disjoint inside the
// unsigned-long address space, counts accesses in whole non-negative samples, and
// needs positive sampling and aggregation intervals. A file that breaks one of these
// was edited or damaged; reports on it would only print nonsense.
import { type PyNum, ULONG_MAX } from '../base/py-num.ts';
import type { Intervals, Region, Snapshot } from './record.ts';

/** The kernel's nr_accesses and age counters are unsigned int. */
const UINT_MAX = 2 ** 32 - 1;

function show(v: PyNum): string {
  return typeof v === 'bigint' ? v.toString() : String(v);
}

function isFiniteNum(v: PyNum): boolean {
  return typeof v === 'bigint' || Number.isFinite(v);
}

function isNegative(v: PyNum): boolean {
  return typeof v === 'bigint' ? v < 0n : v < 0;
}

function isPositive(v: PyNum): boolean {
  return typeof v === 'bigint' ? v > 0n : v > 0;
}

function wholeCountProblem(what: string, v: number | null): string | null {
  if (v === null) return null;
  if (!Number.isInteger(v) || v < 0 || v > UINT_MAX) return `${what} is ${v}, not a whole number from 0 to ${UINT_MAX}`;
  return null;
}

function nonNegativeProblem(what: string, v: PyNum | null): string | null {
  if (v === null) return null;
  if (!isFiniteNum(v) || isNegative(v)) return `${what} is ${show(v)}, not a finite number of at least 0`;
  return null;
}

/** A problem with a record's monitoring intervals, or null. */
export function intervalsProblem(intervals: Intervals | null): string | null {
  if (intervals === null) return null;
  for (const [what, v] of [
    ['sample_us', intervals.sampleUs],
    ['aggr_us', intervals.aggrUs],
  ] as const) {
    if (!isFiniteNum(v) || !isPositive(v)) return `the intervals' ${what} is ${show(v)}, not a positive time`;
  }
  const ops = intervals.opsUpdateUs;
  if (!isFiniteNum(ops) || isNegative(ops)) return `the intervals' ops_update_us is ${show(ops)}, not a time of at least 0`;
  const g = intervals.goal;
  return (
    nonNegativeProblem("the intervals goal's access_bp", g.accessBp) ??
    nonNegativeProblem("the intervals goal's aggrs", g.aggrs) ??
    nonNegativeProblem("the intervals goal's min_sample_us", g.minSampleUs) ??
    nonNegativeProblem("the intervals goal's max_sample_us", g.maxSampleUs)
  );
}

function regionProblem(r: Region, i: number): string | null {
  const where = `region ${i} [${r.start}, ${r.end})`;
  if (r.start < 0n || r.end > ULONG_MAX) return `${where} lies outside the address space (0 to 2^64-1)`;
  if (r.start >= r.end) return `${where} is empty or ends before it starts`;
  const na = r.nrAccesses;
  if (na) {
    const p = wholeCountProblem(`${where}: nr_accesses.samples`, na.samples);
    if (p) return p;
    if (na.percent !== null && (!Number.isFinite(na.percent) || na.percent < 0)) {
      return `${where}: nr_accesses.percent is ${na.percent}, not a finite percent of at least 0`;
    }
  }
  if (r.age) {
    const ai = r.age.aggrIntervals;
    const p =
      nonNegativeProblem(`${where}: age.usec`, r.age.usec) ??
      (ai === null ? null : wholeCountProblem(`${where}: age.aggr_intervals`, typeof ai === 'bigint' && ai > BigInt(UINT_MAX) ? Infinity : Number(ai)));
    if (p) return p;
  }
  return nonNegativeProblem(`${where}: sz_filter_passed`, r.szFilterPassed);
}

/**
 * A problem with one snapshot, or null. `previous` is the snapshot before it in the
 * same record (snapshots follow each other in time), null for the first.
 */
export function snapshotProblem(snapshot: Snapshot, previous: Snapshot | null): string | null {
  const { startTime: start, endTime: end } = snapshot;
  if (!isFiniteNum(start) || !isFiniteNum(end)) return `its times (${show(start)} to ${show(end)}) are not finite`;
  if (start > end) return `it ends (${show(end)} ns) before it starts (${show(start)} ns)`;
  if (previous !== null && start < previous.startTime) {
    return `it starts (${show(start)} ns) before the snapshot ahead of it (${show(previous.startTime)} ns)`;
  }
  const total = nonNegativeProblem('total_bytes', snapshot.totalBytes);
  if (total) return total;
  if (snapshot.sampleIntervalUs !== null) {
    const s = snapshot.sampleIntervalUs;
    if (!isFiniteNum(s) || !isPositive(s)) return `its sample_interval_us is ${show(s)}, not a positive time`;
  }
  const regions = snapshot.regions;
  for (let i = 0; i < regions.length; i++) {
    const p = regionProblem(regions[i], i);
    if (p) return p;
    if (i > 0 && regions[i].start < regions[i - 1].end) {
      return `region ${i} [${regions[i].start}, ${regions[i].end}) overlaps or precedes region ${i - 1} [${regions[i - 1].start}, ${regions[i - 1].end})`;
    }
  }
  return null;
}
