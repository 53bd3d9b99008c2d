// The kdamonds JSON/YAML schema (spec/control.md §3) back into DAMON parameters:
// required keys are checked, numbers accept raw values or any human form that
// upstream's text_to_* parsers read. Errors name the path of the bad field.
import { type PyNum, pyInt } from '../base/py-num.ts';
import {
  textToBool,
  textToBp,
  textToBytes,
  textToMs,
  textToNr,
  textToPercent,
  textToPermil,
  textToUs,
} from '../base/units.ts';
import { UserError } from '../base/user-error.ts';
import {
  type AccessPattern,
  type Context,
  DAMOS_ACTIONS,
  DAMOS_FILTER_TYPES,
  type DamosFilterType,
  type Filter,
  type Kdamond,
  OPS_NAMES,
  type Ops,
  type Quota,
  type QuotaGoal,
  type Scheme,
  type Target,
  WATERMARK_METRICS,
  type Watermarks,
  defaultContext,
  defaultIntervals,
  defaultKdamond,
  defaultQuota,
  defaultScheme,
  defaultWatermarks,
} from '../model/damon-params.ts';
import type { PyJson } from '../base/py-json.ts';

type Obj = { [k: string]: PyJson };

class Reader {
  constructor(readonly path: string) {}
  fail(msg: string): never {
    throw new UserError(`${this.path || 'parameters'}: ${msg}`);
  }
  at(key: string | number): Reader {
    if (typeof key === 'number') return new Reader(`${this.path}[${key}]`);
    return new Reader(this.path === '' ? key : `${this.path}.${key}`);
  }
}

function isObj(v: PyJson | undefined): v is Obj {
  return v !== null && v !== undefined && typeof v === 'object' && !Array.isArray(v);
}

function obj(v: PyJson | undefined, r: Reader): Obj {
  if (!isObj(v)) r.fail('is not an object');
  return v;
}

function arr(v: PyJson | undefined, r: Reader): PyJson[] {
  if (!Array.isArray(v)) r.fail('is not a list');
  return v;
}

function req(o: Obj, key: string, r: Reader): PyJson {
  if (!(key in o)) r.fail(`'${key}' is missing`);
  return o[key];
}

/** A number field: raw numbers pass as they are (as upstream), text goes through `parse`. */
function numField<T extends PyNum>(v: PyJson, r: Reader, parse: (t: string) => T, what: string): T | PyNum {
  if (typeof v === 'bigint' || typeof v === 'number') return v;
  if (typeof v !== 'string') r.fail(`is not ${what}`);
  try {
    return parse(v);
  } catch (e) {
    if (e instanceof UserError) r.fail(`'${v}' is not ${what}`);
    throw e;
  }
}

const us = (v: PyJson, r: Reader) => numField(v, r, textToUs, 'a time');
const ms = (v: PyJson, r: Reader) => numField(v, r, textToMs, 'a time');
const nr = (v: PyJson, r: Reader) => numField(v, r, textToNr, 'a number');
const permil = (v: PyJson, r: Reader) => numField(v, r, textToPermil, 'a ratio');
const bp = (v: PyJson, r: Reader) => numField(v, r, textToBp, 'a ratio');
const bytes = (v: PyJson, r: Reader): bigint => pyInt(numField(v, r, textToBytes, 'a size'));

function bool(v: PyJson, r: Reader): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    try {
      return textToBool(v);
    } catch {
      r.fail(`'${v}' is not true or false`);
    }
  }
  return r.fail('is not true or false');
}

function str(v: PyJson, r: Reader): string {
  if (typeof v !== 'string') r.fail('is not a string');
  return v;
}

function intOrNull(v: PyJson | undefined, r: Reader): number | null {
  if (v === null || v === undefined) return null;
  const n = nr(v, r);
  if (typeof n === 'number' && !Number.isInteger(n)) r.fail(`'${n}' is not an integer`);
  return Number(n);
}

function unitPair(v: PyJson, r: Reader, unit: string): PyNum {
  if (typeof v === 'string') {
    const fields = v.trim().split(/\s+/);
    if (fields.length === 2 && fields[1] === unit) {
      try {
        return textToNr(fields[0]);
      } catch {
        /* reported below */
      }
    }
  }
  return r.fail(`'${String(v)}' is not '<number> ${unit}'`);
}

function accessPatternFromKv(v: PyJson, r: Reader): AccessPattern {
  const o = obj(v, r);
  const minMax = (key: string) => {
    const rr = r.at(key);
    const m = obj(req(o, key, r), rr);
    return { min: req(m, 'min', rr), max: req(m, 'max', rr), r: rr };
  };
  const sz = minMax('sz_bytes');
  const acc = minMax('nr_accesses');
  const age = minMax('age');
  const p: AccessPattern = {
    szBytes: { min: bytes(sz.min, sz.r.at('min')), max: bytes(sz.max, sz.r.at('max')) },
    nrAccesses: { min: 0, max: 0 },
    nrAccessesUnit: 'percent',
    age: { min: 0, max: 0 },
    ageUnit: 'usec',
  };
  try {
    p.nrAccesses = { min: numField(acc.min, acc.r, textToPercent, ''), max: numField(acc.max, acc.r, textToPercent, '') };
  } catch {
    p.nrAccessesUnit = 'samples';
    p.nrAccesses = { min: unitPair(acc.min, acc.r.at('min'), 'samples'), max: unitPair(acc.max, acc.r.at('max'), 'samples') };
  }
  try {
    p.age = { min: numField(age.min, age.r, textToUs, ''), max: numField(age.max, age.r, textToUs, '') };
  } catch {
    p.ageUnit = 'aggr_intervals';
    p.age = {
      min: unitPair(age.min, age.r.at('min'), 'aggr_intervals'),
      max: unitPair(age.max, age.r.at('max'), 'aggr_intervals'),
    };
  }
  return p;
}

function goalFromKv(v: PyJson, r: Reader): QuotaGoal {
  const o = obj(v, r);
  if ('target_value_bp' in o) {
    return {
      metric: 'user_input',
      targetValue: nr(o.target_value_bp, r.at('target_value_bp')),
      currentValue: nr(req(o, 'current_value_bp', r), r.at('current_value_bp')),
      nid: null,
      memcgPath: null,
    };
  }
  const metric = str(req(o, 'metric', r), r.at('metric'));
  return {
    metric,
    targetValue: nr(req(o, 'target_value', r), r.at('target_value')),
    currentValue: nr(req(o, 'current_value', r), r.at('current_value')),
    nid: o.nid === undefined || o.nid === null ? null : nr(o.nid, r.at('nid')),
    memcgPath: o.memcg_path === undefined || o.memcg_path === null ? null : str(o.memcg_path, r.at('memcg_path')),
  };
}

function quotaFromKv(v: PyJson, r: Reader): Quota {
  const o = obj(v, r);
  const q = defaultQuota();
  q.timeMs = ms(req(o, 'time_ms', r), r.at('time_ms'));
  q.szBytes = bytes(req(o, 'sz_bytes', r), r.at('sz_bytes'));
  q.resetIntervalMs = ms(req(o, 'reset_interval_ms', r), r.at('reset_interval_ms'));
  const wr = r.at('weights');
  const w = obj(req(o, 'weights', r), wr);
  q.weights = {
    szPermil: permil(req(w, 'sz_permil', wr), wr.at('sz_permil')),
    nrAccessesPermil: permil(req(w, 'nr_accesses_permil', wr), wr.at('nr_accesses_permil')),
    agePermil: permil(req(w, 'age_permil', wr), wr.at('age_permil')),
  };
  if (o.goals !== undefined && o.goals !== null) q.goals = arr(o.goals, r.at('goals')).map((g, i) => goalFromKv(g, r.at('goals').at(i)));
  if (o.goal_tuner !== undefined && o.goal_tuner !== null) q.goalTuner = str(o.goal_tuner, r.at('goal_tuner'));
  if (o.effective_sz_bytes !== undefined) q.effectiveSzBytes = bytes(o.effective_sz_bytes, r.at('effective_sz_bytes'));
  if (o.fail_charge_num !== undefined) q.failChargeNum = nr(o.fail_charge_num, r.at('fail_charge_num'));
  if (o.fail_charge_denom !== undefined) q.failChargeDenom = nr(o.fail_charge_denom, r.at('fail_charge_denom'));
  return q;
}

function watermarksFromKv(v: PyJson, r: Reader): Watermarks {
  const o = obj(v, r);
  const metric = str(req(o, 'metric', r), r.at('metric'));
  if (!(WATERMARK_METRICS as readonly string[]).includes(metric)) {
    r.at('metric').fail(`'${metric}' is not one of ${WATERMARK_METRICS.join(', ')}`);
  }
  return {
    metric,
    intervalUs: us(req(o, 'interval_us', r), r.at('interval_us')),
    highPermil: permil(req(o, 'high_permil', r), r.at('high_permil')),
    midPermil: permil(req(o, 'mid_permil', r), r.at('mid_permil')),
    lowPermil: permil(req(o, 'low_permil', r), r.at('low_permil')),
  };
}

export function filterFromKv(v: PyJson, r: Reader): Filter {
  const o = obj(v, r);
  const type = str(req(o, 'filter_type', r), r.at('filter_type'));
  if (!(DAMOS_FILTER_TYPES as readonly string[]).includes(type)) {
    r.at('filter_type').fail(`'${type}' is not one of ${DAMOS_FILTER_TYPES.join(', ')}`);
  }
  const f: Filter = {
    filterType: type as DamosFilterType,
    matching: bool(req(o, 'matching', r), r.at('matching')),
    allow: false,
    // Upstream reads a missing/null path of a non-memcg filter as ''.
    memcgPath: '',
    addressRange: null,
    damonTargetIdx: null,
    hugepageSize: null,
  };
  if (o.allow !== undefined) f.allow = bool(o.allow, r.at('allow'));
  else if (o.filter_pass !== undefined) f.allow = bool(o.filter_pass, r.at('filter_pass'));
  if (type === 'memcg') f.memcgPath = str(req(o, 'memcg_path', r), r.at('memcg_path'));
  else if (typeof o.memcg_path === 'string') f.memcgPath = o.memcg_path;
  if (type === 'addr' || isObj(o.address_range)) {
    const rr = r.at('address_range');
    const a = obj(req(o, 'address_range', r), rr);
    f.addressRange = { start: bytes(req(a, 'start', rr), rr.at('start')), end: bytes(req(a, 'end', rr), rr.at('end')) };
  }
  if (type === 'target' || (o.damon_target_idx !== undefined && o.damon_target_idx !== null)) {
    f.damonTargetIdx = pyInt(nr(req(o, 'damon_target_idx', r), r.at('damon_target_idx')));
  }
  if (o.hugepage_size !== undefined && o.hugepage_size !== null) {
    const hr = r.at('hugepage_size');
    const h = arr(o.hugepage_size, hr);
    if (h.length !== 2) hr.fail('is not [min, max]');
    f.hugepageSize = [bytes(h[0], hr.at(0)), bytes(h[1], hr.at(1))];
  }
  return f;
}

export function schemeFromKv(v: PyJson, r: Reader): Scheme {
  const o = obj(v, r);
  const s = defaultScheme();
  if (o.action !== undefined) {
    s.action = str(o.action, r.at('action'));
    if (!(DAMOS_ACTIONS as readonly string[]).includes(s.action)) {
      r.at('action').fail(`'${s.action}' is not one of ${DAMOS_ACTIONS.join(', ')}`);
    }
  }
  if (o.dests !== undefined && o.dests !== null) {
    s.dests = arr(o.dests, r.at('dests')).map((d, i) => {
      const dr = r.at('dests').at(i);
      const dd = obj(d, dr);
      return { id: intOrNull(req(dd, 'id', dr), dr.at('id')) ?? 0, weight: intOrNull(req(dd, 'weight', dr), dr.at('weight')) ?? 0 };
    });
  }
  if (o.target_nid !== undefined) s.targetNid = intOrNull(o.target_nid, r.at('target_nid'));
  if (o.access_pattern !== undefined && o.access_pattern !== null) s.accessPattern = accessPatternFromKv(o.access_pattern, r.at('access_pattern'));
  if (o.apply_interval_us !== undefined) s.applyIntervalUs = us(o.apply_interval_us, r.at('apply_interval_us'));
  if (o.quotas !== undefined && o.quotas !== null) s.quotas = quotaFromKv(o.quotas, r.at('quotas'));
  if (o.watermarks !== undefined && o.watermarks !== null) s.watermarks = watermarksFromKv(o.watermarks, r.at('watermarks'));
  else s.watermarks = defaultWatermarks();
  if (o.filters !== undefined && o.filters !== null) s.filters = arr(o.filters, r.at('filters')).map((f, i) => filterFromKv(f, r.at('filters').at(i)));
  if (o.max_nr_snapshots !== undefined) s.maxNrSnapshots = nr(o.max_nr_snapshots, r.at('max_nr_snapshots'));
  return s;
}

function targetFromKv(v: PyJson, r: Reader): Target {
  const o = obj(v, r);
  const pid = intOrNull(req(o, 'pid', r), r.at('pid'));
  const regions = arr(req(o, 'regions', r), r.at('regions')).map((x, i) => {
    const rr = r.at('regions').at(i);
    const ro = obj(x, rr);
    const start = bytes(req(ro, 'start', rr), rr.at('start'));
    const end = bytes(req(ro, 'end', rr), rr.at('end'));
    if (start > end) rr.fail(`start (${start}) is above end (${end})`);
    return { start, end };
  });
  return { pid, obsolete: o.obsolete === undefined ? false : bool(o.obsolete, r.at('obsolete')), regions };
}

function contextFromKv(v: PyJson, r: Reader): Context {
  const o = obj(v, r);
  const ops = str(req(o, 'ops', r), r.at('ops'));
  if (!(OPS_NAMES as readonly string[]).includes(ops)) r.at('ops').fail(`'${ops}' is not one of ${OPS_NAMES.join(', ')}`);
  const c = defaultContext(ops as Ops);
  if (o.addr_unit !== undefined) c.addrUnit = bytes(o.addr_unit, r.at('addr_unit'));
  c.targets = arr(req(o, 'targets', r), r.at('targets')).map((t, i) => targetFromKv(t, r.at('targets').at(i)));
  if (o.intervals !== undefined && o.intervals !== null) {
    const ir = r.at('intervals');
    const iv = obj(o.intervals, ir);
    c.intervals = defaultIntervals();
    c.intervals.sampleUs = us(req(iv, 'sample_us', ir), ir.at('sample_us'));
    c.intervals.aggrUs = us(req(iv, 'aggr_us', ir), ir.at('aggr_us'));
    c.intervals.opsUpdateUs = us(req(iv, 'ops_update_us', ir), ir.at('ops_update_us'));
    if (iv.intervals_goal !== undefined && iv.intervals_goal !== null) {
      const gr = ir.at('intervals_goal');
      const g = obj(iv.intervals_goal, gr);
      c.intervals.goal = {
        accessBp: bp(req(g, 'access_bp', gr), gr.at('access_bp')),
        aggrs: nr(req(g, 'aggrs', gr), gr.at('aggrs')),
        minSampleUs: us(req(g, 'min_sample_us', gr), gr.at('min_sample_us')),
        maxSampleUs: us(req(g, 'max_sample_us', gr), gr.at('max_sample_us')),
      };
    }
  }
  if (o.nr_regions !== undefined && o.nr_regions !== null) {
    const nrr = r.at('nr_regions');
    const n = obj(o.nr_regions, nrr);
    c.nrRegions = { min: nr(req(n, 'min', nrr), nrr.at('min')), max: nr(req(n, 'max', nrr), nrr.at('max')) };
  }
  if (o.probes !== undefined && o.probes !== null) {
    c.probes = arr(o.probes, r.at('probes')).map((p, i) => {
      const pr = r.at('probes').at(i);
      const po = obj(p, pr);
      return {
        filters: arr(po.filters ?? [], pr.at('filters')).map((x, j) => {
          const fr = pr.at('filters').at(j);
          const fo = obj(x, fr);
          return {
            filterType: str(req(fo, 'filter_type', fr), fr.at('filter_type')),
            matching: bool(req(fo, 'matching', fr), fr.at('matching')),
            allow: fo.allow === undefined ? false : bool(fo.allow, fr.at('allow')),
            path: typeof fo.path === 'string' ? fo.path : null,
          };
        }),
      };
    });
  }
  if (o.sample_control !== undefined && o.sample_control !== null) {
    const sr = r.at('sample_control');
    const so = obj(o.sample_control, sr);
    if (so.primitives_enabled !== undefined) {
      const pr = sr.at('primitives_enabled');
      const pe = obj(so.primitives_enabled, pr);
      c.sampleControl.primitivesEnabled = {
        pageTable: pe.page_table === undefined ? true : bool(pe.page_table, pr.at('page_table')),
        pageFault: pe.page_fault === undefined ? false : bool(pe.page_fault, pr.at('page_fault')),
      };
    }
    if (so.sample_filters !== undefined && so.sample_filters !== null) {
      c.sampleControl.sampleFilters = arr(so.sample_filters, sr.at('sample_filters')).map((x, j) => {
        const fr = sr.at('sample_filters').at(j);
        const fo = obj(x, fr);
        return {
          filterType: str(req(fo, 'filter_type', fr), fr.at('filter_type')),
          matching: bool(req(fo, 'matching', fr), fr.at('matching')),
          allow: fo.allow === undefined ? false : bool(fo.allow, fr.at('allow')),
          cpumask: typeof fo.cpumask === 'string' ? fo.cpumask : null,
          tidArr: Array.isArray(fo.tid_arr) ? fo.tid_arr.map((t, k) => intOrNull(t, fr.at('tid_arr').at(k)) ?? 0) : null,
        };
      });
    }
  }
  if (o.pause !== undefined) c.pause = bool(o.pause, r.at('pause'));
  if (o.schemes !== undefined && o.schemes !== null) c.schemes = arr(o.schemes, r.at('schemes')).map((s, i) => schemeFromKv(s, r.at('schemes').at(i)));
  return c;
}

export function kdamondFromKv(v: PyJson, r: Reader = new Reader('kdamond')): Kdamond {
  const o = obj(v, r);
  const k = defaultKdamond();
  if (typeof o.state === 'string') k.state = o.state;
  if (o.pid !== undefined && o.pid !== null) k.pid = String(o.pid);
  if (o.refresh_ms !== undefined) k.refreshMs = ms(o.refresh_ms, r.at('refresh_ms'));
  k.contexts = arr(req(o, 'contexts', r), r.at('contexts')).map((c, i) => contextFromKv(c, r.at('contexts').at(i)));
  return k;
}

/** `{"kdamonds": [...]}`. */
export function kdamondsFromKv(v: PyJson, where = ''): Kdamond[] {
  const r = new Reader(where);
  const o = obj(v, r);
  const list = arr(req(o, 'kdamonds', r), r.at('kdamonds'));
  return list.map((k, i) => kdamondFromKv(k, r.at('kdamonds').at(i)));
}

/** A JSON list of schemes (`-c/--schemes`). */
export function schemesFromKv(v: PyJson, where = 'schemes'): Scheme[] {
  const r = new Reader(where);
  return arr(v, r).map((s, i) => schemeFromKv(s, r.at(i)));
}
