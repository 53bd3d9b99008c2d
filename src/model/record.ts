// The access-monitoring record model every reader fills and every report reads
// (spec/records.md §1). Numbers keep Python's int/float distinction (PyNum) where
// upstream's arithmetic on them shows in outputs; addresses and ids are bigint.
import type { PyNum } from '../base/py-num.ts';

export interface NrAccesses {
  /** Positive samples in the aggregation interval; null when only percent is known. */
  samples: number | null;
  /** Access rate in percent of the maximum samples; null when only samples is known. */
  percent: number | null;
}

export interface Age {
  /** Age in microseconds (a float when read from a time string, as upstream). */
  usec: PyNum | null;
  aggrIntervals: PyNum | null;
}

export interface Region {
  start: bigint;
  end: bigint;
  /** Absent in records written without access information (start/end only). */
  nrAccesses: NrAccesses | null;
  age: Age | null;
  probeHits: bigint[];
  /** Bytes of the region that passed the DAMOS filters; null where unknown. */
  szFilterPassed: PyNum | null;
}

export interface DamosStats {
  nrTried: bigint;
  szTried: bigint;
  nrApplied: bigint;
  szApplied: bigint;
  szOpsFilterPassed: bigint;
  qtExceeds: bigint;
  nrSnapshots: bigint;
  maxNrSnapshots: bigint;
}

export interface Snapshot {
  /** ns; null only transiently while a trace is being grouped. */
  startTime: PyNum;
  endTime: PyNum;
  regions: Region[];
  /** Bytes monitored; recomputed from the regions when a file lacks it. */
  totalBytes: PyNum;
  damosStats: DamosStats | null;
  sampleIntervalUs: PyNum | null;
}

export interface IntervalsGoal {
  accessBp: PyNum;
  aggrs: PyNum;
  minSampleUs: PyNum;
  maxSampleUs: PyNum;
}

export interface Intervals {
  sampleUs: PyNum;
  aggrUs: PyNum;
  opsUpdateUs: PyNum;
  goal: IntervalsGoal;
}

export type DamosFilterType =
  | 'anon'
  | 'active'
  | 'memcg'
  | 'young'
  | 'hugepage_size'
  | 'unmapped'
  | 'addr'
  | 'target';

export interface DamosFilter {
  filterType: DamosFilterType;
  matching: boolean;
  allow: boolean;
  memcgPath: string | null;
  addressRange: { start: bigint; end: bigint } | null;
  damonTargetIdx: bigint | null;
  hugepageSize: [bigint, bigint] | null;
}

export type DataSource = 'unknown' | 'damon_stat';

export interface DamonRecord {
  kdamondIdx: number | null;
  contextIdx: number | null;
  intervals: Intervals | null;
  schemeIdx: number | null;
  targetId: bigint | null;
  schemeFilters: DamosFilter[];
  snapshots: Snapshot[];
  dataSource: DataSource | string;
}

export function regionSize(r: Region): bigint {
  return r.end - r.start;
}

export function sumRegionSizes(regions: Region[]): bigint {
  let total = 0n;
  for (const r of regions) total += r.end - r.start;
  return total;
}

export function intervalsGoalEnabled(goal: IntervalsGoal): boolean {
  return Number(goal.aggrs) !== 0;
}

export const DEFAULT_INTERVALS_GOAL: IntervalsGoal = { accessBp: 0n, aggrs: 0n, minSampleUs: 0n, maxSampleUs: 0n };

/** The filter types DAMON's operations layer handles (the rest are core filters). */
export const OPS_FILTER_TYPES: ReadonlySet<DamosFilterType> = new Set([
  'anon',
  'active',
  'memcg',
  'young',
  'hugepage_size',
  'unmapped',
]);
