// The record filters shared by the reports and `damo adjust` (spec/reports.md §5.4,
// spec/records.md §10): access pattern, address ranges, snapshot size, time and
// index, and region temperature, applied in that order to copies of the records.
import { type PyNum, ULONG_MAX, pyCompare } from '../base/py-num.ts';
import { formatNr, textToBytes, textToNr, textToNs, textToPercent, textToUs } from '../base/units.ts';
import { UserError } from '../base/user-error.ts';
import { type DamonRecord, type Region, type Snapshot, sumRegionSizes } from '../model/record.ts';
import {
  DEFAULT_TEMPERATURE_WEIGHTS,
  type TemperatureWeights,
  ageUsecOf,
  percentOf,
  temperatureOf,
  withDerivedUnits,
} from './access/region-metrics.ts';

export interface RecordFilterOptions {
  /** Inclusive region size range, bytes. */
  szRegion: [bigint, bigint];
  /** Inclusive access rate range, percent. */
  accessRate: [PyNum, PyNum];
  /** Inclusive age range, microseconds. */
  ageUs: [PyNum, PyNum];
  /** Address ranges to keep (regions are clipped to them); sorted, non-overlapping. */
  addressRanges: [bigint, bigint][] | null;
  szSnapshot: [bigint, bigint][] | null;
  snapshotTimeNs: [PyNum, PyNum][] | null;
  snapshotIdx: [bigint, bigint][] | null;
  temperature: [PyNum, PyNum][] | null;
  temperatureWeights: TemperatureWeights;
}

export const NO_RECORD_FILTERS: RecordFilterOptions = {
  szRegion: [0n, ULONG_MAX],
  accessRate: [0n, ULONG_MAX],
  ageUs: [0n, ULONG_MAX],
  addressRanges: null,
  szSnapshot: null,
  snapshotTimeNs: null,
  snapshotIdx: null,
  temperature: null,
  temperatureWeights: DEFAULT_TEMPERATURE_WEIGHTS,
};

/** The filter options as the CLI parses them: [min, max] pairs, repeatable ones as lists of pairs. */
export interface RecordFilterArgs {
  sz_region?: string[] | null;
  access_rate?: string[] | null;
  age?: string[] | null;
  address?: string[][] | null;
  sz_snapshot?: string[][] | null;
  snapshot_time?: string[][] | null;
  snapshot_idx?: string[][] | null;
  temperature?: string[][] | null;
}

function pair<T>(values: string[], parse: (s: string) => T): [T, T] {
  return [parse(values[0]), parse(values[1])];
}

function intOf(option: string) {
  return (text: string): bigint => {
    const v = textToNr(text);
    if (typeof v !== 'bigint') throw new UserError(`${option} takes integers, not '${text}'`);
    return v;
  };
}

/** Sorted by start; a reversed or overlapping range is a user error naming the option. */
function sortedRanges(option: string, ranges: [bigint, bigint][]): [bigint, bigint][] {
  const sorted = [...ranges].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (const [s, e] of sorted) {
    if (s > e) throw new UserError(`wrong ${option} input (start > end ([${formatNr(s)}, ${formatNr(e)}]))`);
  }
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i][0] < sorted[i - 1][1]) throw new UserError(`wrong ${option} input (overlapping range)`);
  }
  return sorted;
}

/** Reads the CLI's filter option values; `weights` are report access's --temperature_weights. */
export function recordFilterOptionsFromArgs(
  args: RecordFilterArgs,
  weights: TemperatureWeights = DEFAULT_TEMPERATURE_WEIGHTS,
): RecordFilterOptions {
  return {
    szRegion: args.sz_region ? pair(args.sz_region, textToBytes) : NO_RECORD_FILTERS.szRegion,
    accessRate: args.access_rate ? pair(args.access_rate, textToPercent) : NO_RECORD_FILTERS.accessRate,
    // Upstream means seconds but ends up reading bare numbers as microseconds (§5.4).
    ageUs: args.age ? pair(args.age, textToUs) : NO_RECORD_FILTERS.ageUs,
    addressRanges: args.address ? sortedRanges('--address', args.address.map((v) => pair(v, textToBytes))) : null,
    szSnapshot: args.sz_snapshot ? sortedRanges('--sz_snapshot', args.sz_snapshot.map((v) => pair(v, textToBytes))) : null,
    snapshotTimeNs: args.snapshot_time ? args.snapshot_time.map((v) => pair(v, textToNs)) : null,
    snapshotIdx: args.snapshot_idx ? args.snapshot_idx.map((v) => pair(v, intOf('--snapshot_idx'))) : null,
    temperature: args.temperature ? args.temperature.map((v) => pair(v, intOf('--temperature'))) : null,
    temperatureWeights: weights,
  };
}

function within(v: PyNum, [lo, hi]: [PyNum, PyNum]): boolean {
  return pyCompare(lo, v) <= 0 && pyCompare(v, hi) <= 0;
}

function passesAccessPattern(r: Region, opts: RecordFilterOptions, hasIntervals: boolean): boolean {
  if (!within(r.end - r.start, opts.szRegion)) return false;
  if (!hasIntervals) return true;
  return within(percentOf(r), opts.accessRate) && within(ageUsecOf(r), opts.ageUs);
}

function clipToRanges(regions: Region[], ranges: [bigint, bigint][]): Region[] {
  const out: Region[] = [];
  for (const r of regions) {
    for (const [s, e] of ranges) {
      const start = r.start > s ? r.start : s;
      const end = r.end < e ? r.end : e;
      if (start < end) out.push({ ...r, start, end });
    }
  }
  return out;
}

/**
 * Filters one record's snapshots as they come, in record order: the filtered copy of
 * each snapshot, or null when it is dropped. The snapshot index filter counts the
 * snapshots that the size and time filters kept, as the whole-record filter does.
 */
export class SnapshotFilter {
  private kept = 0n;

  constructor(
    private readonly intervals: DamonRecord['intervals'],
    private readonly opts: RecordFilterOptions,
  ) {}

  filter(snapshot: Snapshot): Snapshot | null {
    const { intervals, opts } = this;
    const regions = snapshot.regions
      .map((r) => (intervals ? withDerivedUnits(r, intervals) : r))
      .filter((r) => passesAccessPattern(r, opts, intervals !== null));
    // The access-pattern filter keeps total_bytes as stored, as upstream does.
    let s: Snapshot = { ...snapshot, regions };
    if (opts.addressRanges) {
      const clipped = clipToRanges(s.regions, opts.addressRanges);
      s = { ...s, regions: clipped, totalBytes: sumRegionSizes(clipped) };
    }
    if (opts.szSnapshot && !opts.szSnapshot.some((rg) => within(s.totalBytes, rg))) return null;
    if (
      opts.snapshotTimeNs &&
      !opts.snapshotTimeNs.some(([lo, hi]) => pyCompare(s.startTime, lo) >= 0 && pyCompare(s.endTime, hi) <= 0)
    ) {
      return null;
    }
    if (opts.snapshotIdx) {
      const i = this.kept++;
      if (!opts.snapshotIdx.some(([lo, hi]) => i >= lo && i <= hi)) return null;
    }
    if (opts.temperature) {
      const ranges = opts.temperature;
      const hot = s.regions.filter((r) => ranges.some((rg) => within(temperatureOf(r, opts.temperatureWeights), rg)));
      s = { ...s, regions: hot, totalBytes: sumRegionSizes(hot) };
    }
    return s;
  }
}

function filterRecord(record: DamonRecord, opts: RecordFilterOptions): DamonRecord {
  const f = new SnapshotFilter(record.intervals, opts);
  const snapshots: Snapshot[] = [];
  for (const s of record.snapshots) {
    const kept = f.filter(s);
    if (kept) snapshots.push(kept);
  }
  return { ...record, snapshots };
}

/** Filtered copies of the records; the inputs are left untouched. */
export function filterRecords(records: DamonRecord[], opts: RecordFilterOptions): DamonRecord[] {
  return records.map((r) => filterRecord(r, opts));
}

