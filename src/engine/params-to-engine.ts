// DAMON parameters (src/model/damon-params.ts, what the CLI and kdamonds files build) to the
// engine's config (config.ts), converting units as the kernel write path does
// (spec/control.md §3.5, §6.2): percent -> samples, µs -> aggregation intervals, then the
// kernel's own narrowing into its u32 access-pattern fields (spec/damon-core.md §1.4).
import { type PyNum, ULONG_MAX, pyInt, toFloat } from '../base/py-num.ts';
import { UserError } from '../base/user-error.ts';
import type { AccessPattern, Context, Filter, Intervals, Kdamond, NrRegions, Scheme } from '../model/damon-params.ts';
import {
  type AddrRange,
  DAMOS_ACTIONS,
  type DamosActionName,
  type EngineAccessPattern,
  type EngineAttrs,
  type EngineConfig,
  type EngineFilter,
  type EngineQuotaGoal,
  type EngineScheme,
  QUOTA_GOAL_METRICS,
  type QuotaGoalMetric,
} from './config.ts';

function clampUlong(v: bigint): bigint {
  if (v < 0n) return 0n;
  return v > ULONG_MAX ? ULONG_MAX : v;
}

/** A sysfs `unsigned long` stored into a kernel `unsigned int` keeps its low 32 bits. */
function toU32(v: bigint): number {
  return Number(v & 0xffffffffn);
}

/** A whole non-negative number the engine keeps as a JS number (exact below 2^53). */
function wholeNumber(v: PyNum, what: string): number {
  let b: bigint;
  try {
    b = pyInt(v);
  } catch {
    throw new UserError(`${what} must be a number (got ${String(v)})`);
  }
  if (typeof v === 'number' && !Number.isInteger(v)) throw new UserError(`${what} must be a whole number (got ${v})`);
  if (b < 0n) throw new UserError(`${what} must not be negative (got ${b})`);
  if (b > BigInt(Number.MAX_SAFE_INTEGER)) throw new UserError(`${what} is too large for the engine (got ${b})`);
  return Number(b);
}

/** Bounds the kernel keeps as u64: 2^64-1 (and anything above 2^53) only needs to compare as huge. */
function u64Bound(v: bigint): number {
  return Number(clampUlong(v));
}

/** Access pattern in the kernel's units, the same arithmetic as stageKdamonds (Python float math, then int()). */
export function accessPatternToEngine(p: AccessPattern, iv: Intervals): EngineAccessPattern {
  const maxSamples = toFloat(iv.aggrUs) / toFloat(iv.sampleUs);
  const samples = (v: PyNum): bigint =>
    p.nrAccessesUnit === 'samples' ? clampUlong(pyInt(v)) : clampUlong(pyInt((toFloat(v) * maxSamples) / 100));
  const aggrs = (v: PyNum): bigint =>
    p.ageUnit === 'aggr_intervals' ? clampUlong(pyInt(v)) : clampUlong(pyInt(toFloat(v) / toFloat(iv.aggrUs)));
  return {
    minSz: u64Bound(p.szBytes.min),
    maxSz: u64Bound(p.szBytes.max),
    minNrAccesses: toU32(samples(p.nrAccesses.min)),
    maxNrAccesses: toU32(samples(p.nrAccesses.max)),
    minAge: toU32(aggrs(p.age.min)),
    maxAge: toU32(aggrs(p.age.max)),
  };
}

export function intervalsToEngineAttrs(iv: Intervals, nr: NrRegions): EngineAttrs {
  return {
    sampleUs: wholeNumber(iv.sampleUs, 'the sampling interval (us)'),
    aggrUs: wholeNumber(iv.aggrUs, 'the aggregation interval (us)'),
    opsUpdateUs: wholeNumber(iv.opsUpdateUs, 'the update interval (us)'),
    minNrRegions: wholeNumber(nr.min, 'min nr_regions'),
    maxNrRegions: wholeNumber(nr.max, 'max nr_regions'),
    intervalsGoal: {
      accessBp: wholeNumber(iv.goal.accessBp, 'the intervals goal access_bp'),
      aggrs: wholeNumber(iv.goal.aggrs, 'the intervals goal aggrs'),
      minSampleUs: wholeNumber(iv.goal.minSampleUs, 'the intervals goal min_sample_us'),
      maxSampleUs: wholeNumber(iv.goal.maxSampleUs, 'the intervals goal max_sample_us'),
    },
  };
}

export function filterToEngine(f: Filter): EngineFilter {
  const out: EngineFilter = { type: f.filterType, matching: f.matching, allow: f.allow };
  switch (f.filterType) {
    case 'addr': {
      const r = f.addressRange;
      if (!r) throw new UserError('an addr DAMOS filter needs an address range');
      out.addrStart = u64Bound(r.start);
      out.addrEnd = u64Bound(r.end);
      break;
    }
    case 'target':
      out.targetIdx = f.damonTargetIdx === null ? 0 : wholeNumber(f.damonTargetIdx, 'the target filter index');
      break;
    case 'memcg':
      // The engine's worlds have no memory cgroups (every page says memcg 0, "none"), so a
      // memcg filter matches nothing whatever its path; 0 keeps that plain.
      out.memcgId = 0;
      break;
    case 'hugepage_size': {
      const [min, max] = f.hugepageSize ?? [0n, 0n];
      out.minSz = u64Bound(min);
      out.maxSz = u64Bound(max);
      break;
    }
    default:
      break;
  }
  return out;
}

function goalToEngine(g: Scheme['quotas']['goals'][number]): EngineQuotaGoal {
  if (!(QUOTA_GOAL_METRICS as readonly string[]).includes(g.metric))
    throw new UserError(`DAMOS quota goal metric '${g.metric}' is not supported by the built-in engine`);
  const out: EngineQuotaGoal = {
    metric: g.metric as QuotaGoalMetric,
    targetValue: wholeNumber(g.targetValue, 'a quota goal target value'),
    currentValue: wholeNumber(g.currentValue, 'a quota goal current value'),
    nid: g.nid === null ? 0 : wholeNumber(g.nid, 'a quota goal node id'),
  };
  if (g.memcgPath !== null) out.memcgPath = g.memcgPath;
  return out;
}

export function schemeToEngine(s: Scheme, iv: Intervals): EngineScheme {
  if (!(DAMOS_ACTIONS as readonly string[]).includes(s.action))
    throw new UserError(`DAMOS action '${s.action}' is not supported by the built-in engine`);
  const q = s.quotas;
  const w = s.watermarks;
  if (w.metric !== 'none' && w.metric !== 'free_mem_rate')
    throw new UserError(`watermarks metric '${w.metric}' is not supported by the built-in engine`);
  // The engine has no weighted interleaving: a single destination is the target node.
  const targetNid = s.targetNid ?? (s.dests.length ? s.dests[0].id : -1);
  return {
    pattern: accessPatternToEngine(s.accessPattern, iv),
    action: s.action as DamosActionName,
    applyIntervalUs: wholeNumber(s.applyIntervalUs, 'the DAMOS apply interval (us)'),
    quota: {
      ms: u64Bound(pyInt(q.timeMs)),
      sz: u64Bound(q.szBytes),
      resetIntervalMs: u64Bound(pyInt(q.resetIntervalMs)),
      weightSz: toU32(clampUlong(pyInt(q.weights.szPermil))),
      weightNrAccesses: toU32(clampUlong(pyInt(q.weights.nrAccessesPermil))),
      weightAge: toU32(clampUlong(pyInt(q.weights.agePermil))),
      goals: q.goals.map(goalToEngine),
    },
    wmarks: {
      metric: w.metric,
      intervalUs: u64Bound(pyInt(w.intervalUs)),
      high: u64Bound(pyInt(w.highPermil)),
      mid: u64Bound(pyInt(w.midPermil)),
      low: u64Bound(pyInt(w.lowPermil)),
    },
    filters: s.filters.map(filterToEngine),
    targetNid,
  };
}

function regionsToEngine(t: Context['targets'][number]): AddrRange[] | undefined {
  if (t.regions.length === 0) return undefined;
  return t.regions.map((r) => {
    if (r.end > BigInt(Number.MAX_SAFE_INTEGER))
      throw new UserError(`monitoring region end ${r.end} is beyond what the built-in engine addresses (2^53)`);
    return { start: Number(r.start), end: Number(r.end) };
  });
}

/** One DAMON context as the engine runs it (targets in order; pids are the caller's business). */
export function contextToEngineConfig(c: Context): EngineConfig {
  if (toFloat(c.addrUnit) !== 1) throw new UserError('the built-in engine supports only addr_unit 1');
  return {
    ops: c.ops,
    attrs: intervalsToEngineAttrs(c.intervals, c.nrRegions),
    targets: c.targets.map((t) => ({ regions: regionsToEngine(t) })),
    schemes: c.schemes.map((s) => schemeToEngine(s, c.intervals)),
  };
}

/** A kdamond's contexts (the kernel runs one context per kdamond; so does each engine). */
export function kdamondToEngineConfigs(k: Kdamond): EngineConfig[] {
  return k.contexts.map(contextToEngineConfig);
}
