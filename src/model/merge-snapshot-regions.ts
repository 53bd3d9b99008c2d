// Joining of adjacent snapshot regions that DAMON reports apart but that look the same
// (spec/records.md §1.6, §4.4): equal access count and age, no DAMOS-filter-passed bytes.
// Used by kernel and engine snapshots alike.
import { type PyNum, toFloat } from '../base/py-num.ts';
import type { Region } from './record.ts';

/** Joins neighbours of equal access count and age. */
export function mergeSnapshotRegions(regions: Region[]): Region[] {
  const out: Region[] = [];
  const noPassed = (r: Region) => r.szFilterPassed === null || toFloat(r.szFilterPassed) === 0;
  for (const r of regions) {
    const last = out[out.length - 1];
    if (
      last !== undefined &&
      last.end === r.start &&
      last.nrAccesses?.samples === r.nrAccesses?.samples &&
      last.nrAccesses?.percent === r.nrAccesses?.percent &&
      sameNum(last.age?.aggrIntervals ?? null, r.age?.aggrIntervals ?? null) &&
      sameNum(last.age?.usec ?? null, r.age?.usec ?? null) &&
      noPassed(last) &&
      noPassed(r)
    ) {
      out[out.length - 1] = { ...last, end: r.end };
    } else out.push({ ...r });
  }
  return out;
}

function sameNum(a: PyNum | null, b: PyNum | null): boolean {
  if (a === null || b === null) return a === b;
  return toFloat(a) === toFloat(b);
}

