// `damo validate`'s checks of a record: plausible aggregation intervals, region
// counts and access counts, sane and in-bound regions (spec/records.md §7).
import { pyD } from '../base/py-format.ts';
import { type PyNum, pyCompare, pyDiv, pySub } from '../base/py-num.ts';
import type { DamonRecord, Snapshot } from '../model/record.ts';
import { intervalsProblem, snapshotProblem } from '../model/record-sanity.ts';
import { regionSamples } from './wss-aggregate.ts';

export interface ValidateOptions {
  /** Inclusive range of each snapshot's duration, microseconds. */
  aggrUs: [PyNum, PyNum];
  nrRegions: [PyNum, PyNum];
  nrAccesses: [PyNum, PyNum];
  /** Percent of a record's snapshots allowed out of the aggr and nr_regions ranges. */
  allowErrorPercent: number;
  /** Regions must each lie within one of these [start, end] ranges; null: unchecked. */
  boundaries: [bigint, bigint][] | null;
}

function within(v: PyNum, [min, max]: [PyNum, PyNum]): boolean {
  return pyCompare(min, v) <= 0 && pyCompare(v, max) <= 0;
}

function rangeProblem(name: string, [min, max]: [PyNum, PyNum], v: PyNum): string {
  return `invalid: expect ${pyD(min)}<=${name}<=${pyD(max)} but ${pyD(v)}`;
}

/** The first problem found, as upstream words it, or null when the records pass. */
export function validateRecords(records: readonly DamonRecord[], opts: ValidateOptions): string | null {
  if (records.length === 0) return 'target snapshots is zero';
  for (const [recordIdx, record] of records.entries()) {
    const badIntervals = intervalsProblem(record.intervals);
    if (badIntervals) return `record ${recordIdx}: ${badIntervals}`;
    let previous: Snapshot | null = null;
    const allowed = (record.snapshots.length * opts.allowErrorPercent) / 100.0;
    let aggrErrors = 0;
    let nrRegionsErrors = 0;
    for (const [snapshotIdx, snapshot] of record.snapshots.entries()) {
      const aggrUs = pyDiv(pySub(snapshot.endTime, snapshot.startTime), 1000n);
      if (!within(aggrUs, opts.aggrUs)) {
        if (aggrErrors >= allowed) return rangeProblem('aggregate interval', opts.aggrUs, aggrUs);
        aggrErrors++;
      }
      const nr = BigInt(snapshot.regions.length);
      if (!within(nr, opts.nrRegions)) {
        if (nrRegionsErrors >= allowed) return rangeProblem('nr_regions', opts.nrRegions, nr);
        nrRegionsErrors++;
      }
      for (const r of snapshot.regions) {
        if (r.start >= r.end) return `wrong region [${r.start}, ${r.end})`;
        if (opts.boundaries && !opts.boundaries.some(([s, e]) => s <= r.start && r.end <= e)) {
          return `region ${r.start}-${r.end} out of the boundary`;
        }
      }
      // what the kernel cannot produce, before the access counts are compared
      const insane = snapshotProblem(snapshot, previous);
      if (insane) return `record ${recordIdx} snapshot ${snapshotIdx}: ${insane}`;
      previous = snapshot;
      for (const r of snapshot.regions) {
        const samples = regionSamples(r, record.intervals);
        if (!within(samples, opts.nrAccesses)) return rangeProblem('nr_accesses', opts.nrAccesses, samples);
      }
    }
  }
  return null;
}
