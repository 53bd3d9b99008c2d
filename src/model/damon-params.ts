// DAMON parameters: the kdamonds -> contexts -> targets/schemes tree that start, tune,
// record and `args damon` build and the kernel/engine backends apply
// (spec/control.md §3 schema, §9 defaults). Numbers parsed from human text keep
// Python's int/float distinction (PyNum) because it shows in outputs
// (`"refresh_ms": 1000.0`); addresses and sizes are bigint.
import { type PyNum, ULONG_MAX } from '../base/py-num.ts';
import type { DamosFilter, DamosStats, Intervals, IntervalsGoal, Region as MonitoredRegion } from './record.ts';

export type { DamosFilter, DamosFilterType, DamosStats, Intervals, IntervalsGoal } from './record.ts';

export const OPS_NAMES = ['vaddr', 'paddr', 'fvaddr'] as const;
export type Ops = (typeof OPS_NAMES)[number];

/** Actions damo knows (the 6.18 kernel lacks `collapse`), in upstream's order. */
export const DAMOS_ACTIONS = [
  'willneed',
  'cold',
  'pageout',
  'hugepage',
  'collapse',
  'nohugepage',
  'lru_prio',
  'lru_deprio',
  'migrate_hot',
  'migrate_cold',
  'stat',
] as const;
export type DamosAction = (typeof DAMOS_ACTIONS)[number];

export const DAMOS_FILTER_TYPES = ['anon', 'active', 'memcg', 'young', 'hugepage_size', 'unmapped', 'addr', 'target'] as const;

export const QUOTA_GOAL_METRICS = [
  'user_input',
  'some_mem_psi_us',
  'node_mem_used_bp',
  'node_mem_free_bp',
  'node_memcg_used_bp',
  'node_memcg_free_bp',
  'active_mem_bp',
  'inactive_mem_bp',
  'node_eligible_mem_bp',
] as const;
export type QuotaGoalMetric = (typeof QUOTA_GOAL_METRICS)[number];

export const WATERMARK_METRICS = ['none', 'free_mem_rate'] as const;
export type WatermarkMetric = (typeof WATERMARK_METRICS)[number];

/** An initial monitoring region, [start, end). */
export interface Region {
  start: bigint;
  end: bigint;
}

export interface Target {
  /** Process id for vaddr/fvaddr; null when not given; paddr targets read back from sysfs say 0. */
  pid: number | null;
  obsolete: boolean;
  regions: Region[];
}

export interface NrRegions {
  min: PyNum;
  max: PyNum;
}

/** An experimental (mm.git) access probe filter. */
export interface ProbeFilter {
  filterType: string;
  matching: boolean;
  allow: boolean;
  path: string | null;
}

export interface Probe {
  filters: ProbeFilter[];
}

/** An experimental (damon/next) sampling filter. */
export interface SampleFilter {
  filterType: string;
  matching: boolean;
  allow: boolean;
  cpumask: string | null;
  tidArr: number[] | null;
}

export interface SampleControl {
  primitivesEnabled: { pageTable: boolean; pageFault: boolean };
  sampleFilters: SampleFilter[];
}

/** Units of an access pattern: the CLI speaks percent/µs, sysfs samples/aggregation intervals. */
export type NrAccessesUnit = 'percent' | 'samples';
export type AgeUnit = 'usec' | 'aggr_intervals';

export interface MinMax<T> {
  min: T;
  max: T;
}

export interface AccessPattern {
  szBytes: MinMax<bigint>;
  nrAccesses: MinMax<PyNum>;
  nrAccessesUnit: NrAccessesUnit;
  age: MinMax<PyNum>;
  ageUnit: AgeUnit;
}

export interface QuotaGoal {
  metric: string;
  targetValue: PyNum;
  currentValue: PyNum;
  nid: PyNum | null;
  memcgPath: string | null;
}

export interface QuotaWeights {
  szPermil: PyNum;
  nrAccessesPermil: PyNum;
  agePermil: PyNum;
}

export interface Quota {
  timeMs: PyNum;
  szBytes: bigint;
  resetIntervalMs: PyNum;
  weights: QuotaWeights;
  goals: QuotaGoal[];
  goalTuner: string;
  /** Read-only kernel output (after update_schemes_effective_quotas); 0 when built. */
  effectiveSzBytes: bigint;
  failChargeNum: PyNum;
  failChargeDenom: PyNum;
}

export interface Watermarks {
  metric: string;
  intervalUs: PyNum;
  highPermil: PyNum;
  midPermil: PyNum;
  lowPermil: PyNum;
}

export type Filter = DamosFilter;

/** A migration destination node and its weight. */
export interface Dest {
  id: number;
  weight: number;
}

/** A DAMOS tried region as read from sysfs (samples / aggregation intervals). */
export type TriedRegion = MonitoredRegion;

export interface Scheme {
  action: string;
  /** Only meaningful for migrate_hot/migrate_cold with a single node. */
  targetNid: number | null;
  dests: Dest[];
  accessPattern: AccessPattern;
  /** 0 means "every aggregation interval". */
  applyIntervalUs: PyNum;
  quotas: Quota;
  watermarks: Watermarks;
  filters: Filter[];
  maxNrSnapshots: PyNum;
  /** Status only (read from a running kdamond); null for parameters. */
  stats: DamosStats | null;
  triedRegions: TriedRegion[] | null;
  triedBytes: bigint | null;
}

export interface Context {
  ops: Ops;
  addrUnit: PyNum;
  targets: Target[];
  intervals: Intervals;
  nrRegions: NrRegions;
  probes: Probe[];
  sampleControl: SampleControl;
  pause: boolean;
  schemes: Scheme[];
}

export interface Kdamond {
  /** 'on' / 'off' as read from sysfs; null for parameters that were only built. */
  state: string | null;
  pid: string | null;
  /** 0 = off; kept as Python int or float because it prints raw (`1000.0`). */
  refreshMs: PyNum;
  contexts: Context[];
}

// ---- defaults (spec/control.md §9) ----

export function defaultIntervalsGoal(): IntervalsGoal {
  return { accessBp: 0n, aggrs: 0n, minSampleUs: 0n, maxSampleUs: 0n };
}

export function defaultIntervals(): Intervals {
  return { sampleUs: 5000n, aggrUs: 100000n, opsUpdateUs: 1000000n, goal: defaultIntervalsGoal() };
}

export function defaultNrRegions(): NrRegions {
  return { min: 10n, max: 1000n };
}

export function defaultSampleControl(): SampleControl {
  return { primitivesEnabled: { pageTable: true, pageFault: false }, sampleFilters: [] };
}

export function defaultAccessPattern(): AccessPattern {
  return {
    szBytes: { min: 0n, max: ULONG_MAX },
    nrAccesses: { min: 0n, max: ULONG_MAX },
    nrAccessesUnit: 'percent',
    age: { min: 0n, max: ULONG_MAX },
    ageUnit: 'usec',
  };
}

export function defaultQuota(): Quota {
  return {
    timeMs: 0n,
    szBytes: 0n,
    resetIntervalMs: ULONG_MAX,
    weights: { szPermil: 0n, nrAccessesPermil: 0n, agePermil: 0n },
    goals: [],
    goalTuner: 'consist',
    effectiveSzBytes: 0n,
    failChargeNum: 0n,
    failChargeDenom: 0n,
  };
}

export function defaultQuotaGoal(): QuotaGoal {
  return { metric: 'user_input', targetValue: 0n, currentValue: 0n, nid: null, memcgPath: null };
}

export function defaultWatermarks(): Watermarks {
  return { metric: 'none', intervalUs: 0n, highPermil: 0n, midPermil: 0n, lowPermil: 0n };
}

export function defaultScheme(): Scheme {
  return {
    action: 'stat',
    targetNid: null,
    dests: [],
    accessPattern: defaultAccessPattern(),
    applyIntervalUs: 0n,
    quotas: defaultQuota(),
    watermarks: defaultWatermarks(),
    filters: [],
    maxNrSnapshots: 0n,
    stats: null,
    triedRegions: null,
    triedBytes: null,
  };
}

export function defaultContext(ops: Ops = 'paddr'): Context {
  return {
    ops,
    addrUnit: 1n,
    targets: [],
    intervals: defaultIntervals(),
    nrRegions: defaultNrRegions(),
    probes: [],
    sampleControl: defaultSampleControl(),
    pause: false,
    schemes: [],
  };
}

export function defaultKdamond(): Kdamond {
  return { state: null, pid: null, refreshMs: 0n, contexts: [] };
}

export function isMigrateAction(action: string): boolean {
  return action === 'migrate_hot' || action === 'migrate_cold';
}
