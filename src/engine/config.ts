// The engine's own configuration types, mirroring the kernel's damon_attrs, targets,
// regions and damos structs (spec/damon-core.md §1, §12 for units and defaults).
// Addresses and sizes are plain numbers here: exact up to 2^53 (8 PiB), which covers
// user-space and physical addresses, and keeps the per-sample hot path fast.
import { UserError } from '../base/user-error.ts';
import {
  DAMOS_ACTIONS as MODEL_DAMOS_ACTIONS,
  type DamosAction,
  type Ops,
  QUOTA_GOAL_METRICS as MODEL_QUOTA_GOAL_METRICS,
  type QuotaGoalMetric as ModelQuotaGoalMetric,
  type WatermarkMetric,
} from '../model/damon-params.ts';
import type { DamosFilterType } from '../model/record.ts';

export type EngineOps = Ops;

export interface AddrRange {
  start: number;
  end: number;
}

export interface EngineIntervalsGoal {
  accessBp: number;
  /** 0 disables auto-tuning. */
  aggrs: number;
  minSampleUs: number;
  maxSampleUs: number;
}

export interface EngineAttrs {
  sampleUs: number;
  aggrUs: number;
  opsUpdateUs: number;
  minNrRegions: number;
  maxNrRegions: number;
  intervalsGoal: EngineIntervalsGoal;
}

/** The actions the engine carries out: damo's, less `collapse` (which the engine does not model). */
export type DamosActionName = Exclude<DamosAction, 'collapse'>;
export const DAMOS_ACTIONS: readonly DamosActionName[] = MODEL_DAMOS_ACTIONS.filter((a): a is DamosActionName => a !== 'collapse');

/** All bounds inclusive; nr_accesses in samples per aggregation, age in aggregations. */
export interface EngineAccessPattern {
  minSz: number;
  maxSz: number;
  minNrAccesses: number;
  maxNrAccesses: number;
  minAge: number;
  maxAge: number;
}

/** The quota goal metrics the engine measures: damo's, less `node_eligible_mem_bp`. */
export type QuotaGoalMetric = Exclude<ModelQuotaGoalMetric, 'node_eligible_mem_bp'>;
export const QUOTA_GOAL_METRICS: readonly QuotaGoalMetric[] = MODEL_QUOTA_GOAL_METRICS.filter(
  (m): m is QuotaGoalMetric => m !== 'node_eligible_mem_bp',
);

export interface EngineQuotaGoal {
  metric: QuotaGoalMetric;
  targetValue: number;
  /** For user_input: the value the user gave. */
  currentValue: number;
  nid: number;
  memcgPath?: string;
}

export interface EngineQuota {
  ms: number;
  sz: number;
  resetIntervalMs: number;
  weightSz: number;
  weightNrAccesses: number;
  weightAge: number;
  goals: EngineQuotaGoal[];
}

export interface EngineWatermarks {
  metric: WatermarkMetric;
  intervalUs: number;
  high: number;
  mid: number;
  low: number;
}

export interface EngineFilter {
  type: DamosFilterType;
  matching: boolean;
  allow: boolean;
  addrStart?: number;
  addrEnd?: number;
  targetIdx?: number;
  memcgId?: number;
  minSz?: number;
  maxSz?: number;
}

export interface EngineScheme {
  pattern: EngineAccessPattern;
  action: DamosActionName;
  /** 0: use the aggregation interval. */
  applyIntervalUs: number;
  quota: EngineQuota;
  wmarks: EngineWatermarks;
  filters: EngineFilter[];
  targetNid: number;
}

export interface EngineTarget {
  /** User-given regions; vaddr replaces them with three-regions at the first update. */
  regions?: AddrRange[];
}

export interface EngineConfig {
  ops: EngineOps;
  attrs: EngineAttrs;
  targets: EngineTarget[];
  schemes: EngineScheme[];
  /** MIN_REGION: region alignment and minimum size. */
  minRegionSz?: number;
}

export const PAGE_SIZE = 4096;
/** The kernel's "unlimited" for u64 bounds (2^64-1), as a number. */
export const U64_MAX = 18446744073709551615;
export const U32_MAX = 4294967295;

export function defaultAttrs(): EngineAttrs {
  return {
    sampleUs: 5000,
    aggrUs: 100000,
    opsUpdateUs: 1000000,
    minNrRegions: 10,
    maxNrRegions: 1000,
    intervalsGoal: { accessBp: 0, aggrs: 0, minSampleUs: 0, maxSampleUs: 0 },
  };
}

/** A scheme that matches every region and only counts (damo's default `stat` scheme). */
export function defaultScheme(overrides: Partial<EngineScheme> = {}): EngineScheme {
  return {
    pattern: { minSz: 0, maxSz: U64_MAX, minNrAccesses: 0, maxNrAccesses: U32_MAX, minAge: 0, maxAge: U32_MAX },
    action: 'stat',
    applyIntervalUs: 0,
    quota: { ms: 0, sz: 0, resetIntervalMs: 0, weightSz: 0, weightNrAccesses: 0, weightAge: 0, goals: [] },
    wmarks: { metric: 'none', intervalUs: 0, high: 0, mid: 0, low: 0 },
    filters: [],
    targetNid: -1,
    ...overrides,
  };
}

/** damon_set_attrs' validation (spec §6); bad attributes are the user's to fix. */
export function validateAttrs(a: EngineAttrs): void {
  const g = a.intervalsGoal;
  if (g.aggrs !== 0) {
    if (g.minSampleUs > g.maxSampleUs)
      throw new UserError(`intervals goal: min sample interval (${g.minSampleUs} us) exceeds the max (${g.maxSampleUs} us)`);
    if (a.sampleUs < g.minSampleUs || a.sampleUs > g.maxSampleUs)
      throw new UserError(
        `intervals goal: sample interval ${a.sampleUs} us is outside [${g.minSampleUs}, ${g.maxSampleUs}] us`,
      );
  }
  if (a.minNrRegions < 3) throw new UserError(`min nr_regions must be at least 3 (got ${a.minNrRegions})`);
  if (a.minNrRegions > a.maxNrRegions)
    throw new UserError(`min nr_regions (${a.minNrRegions}) exceeds max nr_regions (${a.maxNrRegions})`);
  if (a.sampleUs > a.aggrUs)
    throw new UserError(`sampling interval (${a.sampleUs} us) exceeds aggregation interval (${a.aggrUs} us)`);
  for (const [name, v] of [
    ['sampling interval', a.sampleUs],
    ['aggregation interval', a.aggrUs],
    ['update interval', a.opsUpdateUs],
  ] as const) {
    if (!Number.isSafeInteger(v) || v < 0) throw new UserError(`${name} must be a non-negative integer of microseconds`);
  }
}
