// Merging consecutive snapshots into longer aggregation windows, as upstream's
// `adjust_records` does for `damo adjust --aggregate_interval` and `report wss
// --work_time` (spec/records.md §5, spec/reports.md §9).
import { pyCompare, pyDiv, pyInt, pyMul, pySub } from '../base/py-num.ts';
import { UserError } from '../base/user-error.ts';
import type { DamonRecord, Intervals, Region, Snapshot } from '../model/record.ts';
import { sumRegionSizes } from '../model/record.ts';

/** A region's sampled access count, derived from its percent when only that is known. */
export function regionSamples(region: Region, intervals: Intervals | null): number {
  const na = region.nrAccesses;
  if (na?.samples !== null && na?.samples !== undefined) return na.samples;
  if (na?.percent !== null && na?.percent !== undefined && intervals) {
    const maxNr = pyDiv(intervals.aggrUs, intervals.sampleUs);
    return Number(pyInt((na.percent * maxNr) / 100));
  }
  throw new UserError(
    'the record has a region without an access count (and no intervals to derive one from its access rate)',
  );
}

function withSamples(region: Region, samples: number): Region {
  return {
    ...region,
    nrAccesses: { samples, percent: region.nrAccesses?.percent ?? null },
    probeHits: [...region.probeHits],
  };
}

function piece(from: Region, start: bigint, end: bigint, samples: number): Region {
  const size = from.end - from.start;
  let passed = from.szFilterPassed;
  if (passed !== null) passed = pyInt(pyDiv(pyMul(passed, end - start), size));
  return { ...withSamples(from, samples), start, end, szFilterPassed: passed };
}

/**
 * Inserts `r` into `merged`: the first overlapping region takes the max of the
 * samples that overlap it in this snapshot (added once the snapshot is done); the
 * parts of `r` outside it are inserted in turn; a region overlapping nothing is appended.
 */
function insertRegion(merged: Region[], r: Region, samples: number, added: Map<Region, number>): void {
  const hit = merged.find((m) => m.start < r.end && r.start < m.end);
  if (!hit) {
    merged.push(withSamples(r, samples));
    return;
  }
  const prev = added.get(hit) ?? 0;
  added.set(hit, Math.max(samples, prev));
  if (r.start < hit.start) insertRegion(merged, piece(r, r.start, hit.start, samples), samples, added);
  if (hit.end < r.end) insertRegion(merged, piece(r, hit.end, r.end, samples), samples, added);
}

/**
 * Whether inserting the regions one by one would find no overlap: each starts at or
 * after the furthest end so far. Then one snapshot aggregates to itself.
 */
function isChained(regions: readonly Region[]): boolean {
  let maxEnd: bigint | null = null;
  for (const r of regions) {
    if (maxEnd !== null && r.start < maxEnd) return false;
    if (maxEnd === null || r.end > maxEnd) maxEnd = r.end;
  }
  return true;
}

/** One snapshot spanning the group: the first snapshot's regions plus the others' max overlaps. */
export function aggregateSnapshots(group: readonly Snapshot[], intervals: Intervals | null): Snapshot {
  let merged: Region[] = [];
  if (group.length === 1 && isChained(group[0].regions)) {
    // the common case (--work_time shorter than a snapshot): no search needed
    merged = group[0].regions.map((r) => withSamples(r, regionSamples(r, intervals)));
  } else {
    for (const snapshot of group) {
      const added = new Map<Region, number>();
      for (const r of snapshot.regions) insertRegion(merged, r, regionSamples(r, intervals), added);
      for (const [m, add] of added) m.nrAccesses = { samples: m.nrAccesses!.samples! + add, percent: null };
    }
  }
  return {
    startTime: group[0].startTime,
    endTime: group[group.length - 1].endTime,
    regions: merged,
    totalBytes: sumRegionSizes(merged),
    damosStats: null,
    sampleIntervalUs: null,
  };
}

/**
 * Groups consecutive snapshots fed one at a time until a group spans `aggrUs`, and
 * hands each group over; a trailing group that does not span it is dropped, as
 * upstream does. Only the current group is held.
 */
export class TimeWindowGrouper {
  private group: Snapshot[] = [];
  private readonly spanNs: bigint;

  constructor(
    aggrUs: bigint,
    private readonly onGroup: (group: Snapshot[]) => void,
  ) {
    this.spanNs = aggrUs * 1000n;
  }

  add(s: Snapshot): void {
    const group = this.group;
    group.push(s);
    if (pyCompare(pySub(s.endTime, group[0].startTime), this.spanNs) >= 0) {
      this.group = [];
      this.onGroup(group);
    }
  }
}

/** Groups the snapshots by time (TimeWindowGrouper) and aggregates each group. */
export function aggregateSnapshotsByTime(
  snapshots: readonly Snapshot[],
  aggrUs: bigint,
  intervals: Intervals | null,
): Snapshot[] {
  const out: Snapshot[] = [];
  const grouper = new TimeWindowGrouper(aggrUs, (g) => out.push(aggregateSnapshots(g, intervals)));
  for (const s of snapshots) grouper.add(s);
  return out;
}

/** Fills in the access rate and age-in-aggregations a new aggregation interval makes stale. */
function rederive(region: Region, intervals: Intervals): Region {
  const samples = region.nrAccesses?.samples ?? null;
  const maxNr = pyDiv(intervals.aggrUs, intervals.sampleUs);
  const percent = samples === null || maxNr === 0 ? null : Number(pyInt((samples * 100.0) / maxNr));
  let age = region.age;
  if (age?.usec !== null && age?.usec !== undefined) {
    age = { usec: age.usec, aggrIntervals: pyInt(pyDiv(age.usec, intervals.aggrUs)) };
  }
  return { ...region, nrAccesses: { samples, percent }, age };
}

/**
 * Upstream's adjust_records: skips the first `skip` snapshots of every record, sets
 * the aggregation interval to `aggrUs`, and merges snapshots into windows of that
 * length. Returns new records; the inputs are not changed.
 */
export function adjustRecords(records: readonly DamonRecord[], aggrUs: bigint, skip: number): DamonRecord[] {
  return records.map((rec) => {
    const intervals: Intervals | null = rec.intervals ? { ...rec.intervals, aggrUs } : null;
    let snapshots = aggregateSnapshotsByTime(rec.snapshots.slice(skip), aggrUs, rec.intervals);
    if (intervals) {
      snapshots = snapshots.map((s) => ({ ...s, regions: s.regions.map((r) => rederive(r, intervals)) }));
    }
    return { ...rec, intervals, snapshots };
  });
}

