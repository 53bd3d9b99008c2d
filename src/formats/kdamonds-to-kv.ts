// DAMON parameters to the key/value tree of `args damon` and `report damon --format
// json|yaml` (spec/control.md §3, formatters of §4.2, raw forms of §4.3).
import type { PyNum } from '../base/py-num.ts';
import {
  formatNr,
  formatPermil,
  formatSz,
  formatSzAccurate,
  formatTimeMsExact,
  formatTimeUs,
  formatTimeUsExact,
} from '../base/units.ts';
import { toFloat } from '../base/py-num.ts';
import {
  type AccessPattern,
  type Context,
  type Filter,
  type Kdamond,
  type NrRegions,
  type Quota,
  type Scheme,
  type Watermarks,
  isMigrateAction,
} from '../model/damon-params.ts';
import { damosStatsToKv } from '../model/damos-stats-kv.ts';
import { intervalsToKv } from '../model/intervals-kv.ts';
import { accessPatternIsDefault, intervalsAreDefault, nrRegionsAreDefault, quotaIsDefault, watermarksAreDefault } from '../model/damon-params-compare.ts';
import type { PyJson } from '../base/py-json.ts';

export interface KvOptions {
  raw?: boolean;
  /** Parameters only: no state/pid/stats (what `args damon` prints). */
  paramsOnly?: boolean;
  /** Leave out blocks equal to their defaults (`--omit_defaults`). */
  omitDefaults?: boolean;
}

const num = (v: PyNum): PyJson => v;
const f = (v: PyNum) => toFloat(v);

function nrRegionsToKv(nr: NrRegions, raw: boolean): PyJson {
  return { min: formatNr(nr.min, raw), max: formatNr(nr.max, raw) };
}

export function accessPatternToKv(p: AccessPattern, raw: boolean): PyJson {
  const acc = (v: PyNum) =>
    p.nrAccessesUnit === 'percent' ? `${formatNr(v, raw)} %` : `${formatNr(v, raw)} samples`;
  const age = (v: PyNum) => (p.ageUnit === 'usec' ? formatTimeUsExact(v, raw) : `${formatNr(v, raw)} aggr_intervals`);
  return {
    sz_bytes: { min: formatSz(p.szBytes.min, raw), max: formatSz(p.szBytes.max, raw) },
    nr_accesses: { min: acc(p.nrAccesses.min), max: acc(p.nrAccesses.max) },
    age: { min: age(p.age.min), max: age(p.age.max) },
  };
}

function quotaToKv(q: Quota, raw: boolean): PyJson {
  return {
    time_ms: formatTimeMsExact(q.timeMs, raw),
    sz_bytes: formatSz(q.szBytes, raw),
    reset_interval_ms: formatTimeMsExact(q.resetIntervalMs, raw),
    fail_charge_num: formatNr(q.failChargeNum, raw),
    fail_charge_denom: formatNr(q.failChargeDenom, raw),
    goals: q.goals.map((g) => ({
      metric: g.metric,
      nid: g.nid === null ? null : formatNr(g.nid, raw),
      memcg_path: g.memcgPath,
      target_value: formatNr(g.targetValue, raw),
      current_value: formatNr(g.currentValue, raw),
    })),
    goal_tuner: q.goalTuner,
    effective_sz_bytes: formatSz(q.effectiveSzBytes, raw),
    weights: {
      sz_permil: formatPermil(f(q.weights.szPermil), raw),
      nr_accesses_permil: formatPermil(f(q.weights.nrAccessesPermil), raw),
      age_permil: formatPermil(f(q.weights.agePermil), raw),
    },
  };
}

function watermarksToKv(w: Watermarks, raw: boolean): PyJson {
  return {
    metric: w.metric,
    interval_us: formatTimeUsExact(w.intervalUs, raw),
    high_permil: formatPermil(f(w.highPermil), raw),
    mid_permil: formatPermil(f(w.midPermil), raw),
    low_permil: formatPermil(f(w.lowPermil), raw),
  };
}

export function filterToKv(x: Filter, raw: boolean): PyJson {
  return {
    filter_type: x.filterType,
    matching: x.matching,
    allow: x.allow,
    memcg_path: x.memcgPath,
    address_range: x.addressRange
      ? { start: formatNr(x.addressRange.start, raw), end: formatNr(x.addressRange.end, raw) }
      : null,
    damon_target_idx: x.damonTargetIdx === null ? null : formatNr(x.damonTargetIdx, raw),
    hugepage_size: x.hugepageSize ? [formatSz(x.hugepageSize[0], raw), formatSz(x.hugepageSize[1], raw)] : null,
  };
}

export function schemeToKv(s: Scheme, o: KvOptions): PyJson {
  const raw = o.raw ?? false;
  const kv: Record<string, PyJson> = {
    action: s.action,
    dests: s.dests.map((d) => ({ id: BigInt(d.id), weight: BigInt(d.weight) })),
  };
  if (isMigrateAction(s.action)) kv.target_nid = s.targetNid === null ? null : BigInt(s.targetNid);
  if (!(o.omitDefaults && accessPatternIsDefault(s.accessPattern))) kv.access_pattern = accessPatternToKv(s.accessPattern, raw);
  kv.apply_interval_us = formatTimeUs(s.applyIntervalUs, raw);
  if (!(o.omitDefaults && quotaIsDefault(s.quotas))) kv.quotas = quotaToKv(s.quotas, raw);
  if (!(o.omitDefaults && watermarksAreDefault(s.watermarks))) kv.watermarks = watermarksToKv(s.watermarks, raw);
  if (!(o.omitDefaults && s.filters.length === 0)) kv.filters = s.filters.map((x) => filterToKv(x, raw));
  // Not in upstream's schema: emitted only when set, so default output stays identical.
  if (toFloat(s.maxNrSnapshots) !== 0) kv.max_nr_snapshots = formatNr(s.maxNrSnapshots, raw);
  if (!o.paramsOnly && s.stats) {
    kv.stats = damosStatsToKv(s.stats, raw);
  }
  return kv;
}

export function contextToKv(c: Context, o: KvOptions): PyJson {
  const raw = o.raw ?? false;
  const kv: Record<string, PyJson> = {
    ops: c.ops,
    addr_unit: formatSzAccurate(c.addrUnit, raw),
    targets: c.targets.map((t) => ({
      pid: t.pid === null ? null : BigInt(t.pid),
      obsolete: t.obsolete,
      regions: t.regions.map((r) => ({ start: formatNr(r.start, raw), end: formatNr(r.end, raw) })),
    })),
  };
  if (!(o.omitDefaults && intervalsAreDefault(c.intervals))) kv.intervals = intervalsToKv(c.intervals, raw);
  if (!(o.omitDefaults && nrRegionsAreDefault(c.nrRegions))) kv.nr_regions = nrRegionsToKv(c.nrRegions, raw);
  kv.probes = c.probes.map((p) => ({
    filters: p.filters.map((x) => ({ filter_type: x.filterType, matching: x.matching, allow: x.allow, path: x.path })),
  }));
  kv.sample_control = {
    primitives_enabled: {
      page_table: c.sampleControl.primitivesEnabled.pageTable,
      page_fault: c.sampleControl.primitivesEnabled.pageFault,
    },
    sample_filters: c.sampleControl.sampleFilters.map((x) => ({
      filter_type: x.filterType,
      matching: x.matching,
      allow: x.allow,
      cpumask: x.cpumask,
      tid_arr: x.tidArr === null ? null : x.tidArr.map((t) => BigInt(t)),
    })),
  };
  kv.pause = c.pause;
  kv.schemes = c.schemes.map((s) => schemeToKv(s, o));
  return kv;
}

export function kdamondToKv(k: Kdamond, o: KvOptions = {}): PyJson {
  const kv: Record<string, PyJson> = {};
  if (!o.paramsOnly) {
    kv.state = k.state;
    kv.pid = k.pid;
  }
  kv.refresh_ms = num(k.refreshMs);
  kv.contexts = k.contexts.map((c) => contextToKv(c, o));
  return kv;
}

/** `{"kdamonds": [...]}`, the parameters file form. */
export function kdamondsParamsToKv(ks: Kdamond[], o: Omit<KvOptions, 'paramsOnly'> = {}): PyJson {
  return { kdamonds: ks.map((k) => kdamondToKv(k, { ...o, paramsOnly: true })) };
}

