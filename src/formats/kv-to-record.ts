// Turns parsed record JSON (upstream's to_kvpairs layout) into model objects, with the
// defaults and value forms of spec/records.md §3.3 "Input tolerance" and §2.2: every
// scalar may be a JSON number or a human string ("94,827,419,009,024", "15 s", "max").
import { type PyNum, pyInt } from '../base/py-num.ts';
import { textToBp, textToBytes, textToNr, textToNs, textToUs } from '../base/units.ts';
import {
  type Age,
  type DamonRecord,
  type DamosFilter,
  type DamosFilterType,
  type DamosStats,
  DEFAULT_INTERVALS_GOAL,
  type Intervals,
  type NrAccesses,
  type Region,
  type Snapshot,
  sumRegionSizes,
} from '../model/record.ts';
import type { JsonObject, JsonValue } from './json-stream-parser.ts';

/** The JSON does not have the shape of a record file; `field` locates the problem. */
export class RecordShapeError extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
    this.name = 'RecordShapeError';
  }
}

function kind(v: JsonValue | undefined): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'bigint' || typeof v === 'number') return 'a number';
  if (typeof v === 'object') return 'an object';
  return typeof v === 'string' ? `the text '${v.length > 40 ? v.slice(0, 40) + '...' : v}'` : `${v}`;
}

export function asObject(v: JsonValue | undefined, where: string): JsonObject {
  if (v === null || v === undefined || typeof v !== 'object' || Array.isArray(v)) {
    throw new RecordShapeError(where, `expected an object but found ${kind(v)}`);
  }
  return v;
}

function asList(v: JsonValue | undefined, where: string): JsonValue[] {
  if (!Array.isArray(v)) throw new RecordShapeError(where, `expected a list but found ${kind(v)}`);
  return v;
}

function need(o: JsonObject, key: string, where: string): JsonValue {
  if (!(key in o)) throw new RecordShapeError(where, `the required key '${key}' is missing`);
  return o[key];
}

const PLAIN_INT = /^\d{1,3}(?:,\d{3})*$|^\d+$/;

/** A scalar through one of upstream's text_to_* readers; numbers pass through. */
function scalar<T extends PyNum>(v: JsonValue | undefined, where: string, what: string, parse: (s: string) => T): PyNum {
  if (typeof v === 'bigint' || typeof v === 'number') return v;
  if (typeof v === 'string') {
    // the common case, "94,827,419,009,024" or "5000", reads the same with every parser
    if (PLAIN_INT.test(v)) return BigInt(v.length > 3 && v.includes(',') ? v.replaceAll(',', '') : v);
    try {
      return parse(v);
    } catch {
      throw new RecordShapeError(where, `cannot read ${kind(v)} as ${what}`);
    }
  }
  throw new RecordShapeError(where, `expected ${what} but found ${kind(v)}`);
}

function optScalar<T extends PyNum>(
  v: JsonValue | undefined,
  where: string,
  what: string,
  parse: (s: string) => T,
): PyNum | null {
  return v === null || v === undefined ? null : scalar(v, where, what, parse);
}

function int(v: PyNum, where: string): bigint {
  try {
    return pyInt(v);
  } catch {
    throw new RecordShapeError(where, `${v} is not a finite number`);
  }
}

function optSmallInt(v: JsonValue | undefined, where: string): number | null {
  const n = optScalar(v, where, 'an index', textToNr);
  return n === null ? null : Number(int(n, where));
}

function optBool(v: JsonValue | undefined, where: string): boolean {
  if (typeof v === 'boolean') return v;
  throw new RecordShapeError(where, `expected true or false but found ${kind(v)}`);
}

/**
 * A time in ns. A multi-pair text with a leading minus ("-1 s 500 ms", upstream's own
 * writing of -1.5 s) is negated as a whole; upstream negates only the first pair (§2.3).
 */
function textToNsSigned(s: string): PyNum {
  const t = s.trim();
  if (t.startsWith('-') && /\s/.test(t)) {
    const v = textToNs(t.slice(1));
    return typeof v === 'bigint' ? -v : -v;
  }
  return textToNs(t);
}

function textToUsSigned(s: string): PyNum {
  const t = s.trim();
  if (t.startsWith('-') && /\s/.test(t)) {
    const v = textToUs(t.slice(1));
    return typeof v === 'bigint' ? -v : -v;
  }
  return textToUs(t);
}

export function kvToIntervals(v: JsonValue | undefined, where: string): Intervals | null {
  if (v === null || v === undefined) return null;
  const o = asObject(v, where);
  const us = (key: string) => scalar(need(o, key, where), `${where}.${key}`, 'microseconds', textToUs);
  const intervals: Intervals = {
    sampleUs: us('sample_us'),
    aggrUs: us('aggr_us'),
    opsUpdateUs: us('ops_update_us'),
    goal: { ...DEFAULT_INTERVALS_GOAL },
  };
  const g = o.intervals_goal;
  if (g !== undefined && g !== null) {
    const gw = `${where}.intervals_goal`;
    const go = asObject(g, gw);
    intervals.goal = {
      accessBp: scalar(need(go, 'access_bp', gw), `${gw}.access_bp`, 'basis points', textToBp),
      aggrs: scalar(need(go, 'aggrs', gw), `${gw}.aggrs`, 'a number', textToNr),
      minSampleUs: scalar(need(go, 'min_sample_us', gw), `${gw}.min_sample_us`, 'microseconds', textToUs),
      maxSampleUs: scalar(need(go, 'max_sample_us', gw), `${gw}.max_sample_us`, 'microseconds', textToUs),
    };
  }
  return intervals;
}

const FILTER_TYPES = new Set(['anon', 'active', 'memcg', 'young', 'hugepage_size', 'unmapped', 'addr', 'target']);

function kvToFilter(v: JsonValue, where: string): DamosFilter {
  const o = asObject(v, where);
  const type = need(o, 'filter_type', where);
  if (typeof type !== 'string' || !FILTER_TYPES.has(type)) {
    throw new RecordShapeError(`${where}.filter_type`, `unknown filter type (${kind(type)})`);
  }
  const allowKey = 'allow' in o ? 'allow' : 'filter_pass';
  const memcg = o.memcg_path;
  if (memcg !== undefined && memcg !== null && typeof memcg !== 'string') {
    throw new RecordShapeError(`${where}.memcg_path`, `expected a text but found ${kind(memcg)}`);
  }
  let addressRange: DamosFilter['addressRange'] = null;
  if (o.address_range !== undefined && o.address_range !== null) {
    const aw = `${where}.address_range`;
    const a = asObject(o.address_range, aw);
    addressRange = {
      start: int(scalar(need(a, 'start', aw), `${aw}.start`, 'an address', textToNr), aw),
      end: int(scalar(need(a, 'end', aw), `${aw}.end`, 'an address', textToNr), aw),
    };
  }
  const tidx = optScalar(o.damon_target_idx, `${where}.damon_target_idx`, 'an index', textToNr);
  let hugepageSize: DamosFilter['hugepageSize'] = null;
  if (o.hugepage_size !== undefined && o.hugepage_size !== null) {
    const hw = `${where}.hugepage_size`;
    const h = asList(o.hugepage_size, hw);
    if (h.length !== 2) throw new RecordShapeError(hw, `expected [min, max] but found ${h.length} items`);
    hugepageSize = [
      int(scalar(h[0], `${hw}[0]`, 'a size', textToBytes), hw),
      int(scalar(h[1], `${hw}[1]`, 'a size', textToBytes), hw),
    ];
  }
  return {
    filterType: type as DamosFilterType,
    matching: optBool(need(o, 'matching', where), `${where}.matching`),
    allow: optBool(need(o, allowKey, where), `${where}.${allowKey}`),
    memcgPath: (memcg as string | null | undefined) ?? null,
    addressRange,
    damonTargetIdx: tidx === null ? null : int(tidx, `${where}.damon_target_idx`),
    hugepageSize,
  };
}

const STATS_KEYS: [keyof DamosStats, string][] = [
  ['nrTried', 'nr_tried'],
  ['szTried', 'sz_tried'],
  ['nrApplied', 'nr_applied'],
  ['szApplied', 'sz_applied'],
  ['szOpsFilterPassed', 'sz_ops_filter_passed'],
  ['qtExceeds', 'qt_exceeds'],
  ['nrSnapshots', 'nr_snapshots'],
  ['maxNrSnapshots', 'max_nr_snapshots'],
];

function kvToStats(v: JsonValue | undefined, where: string): DamosStats | null {
  if (v === null || v === undefined) return null;
  const o = asObject(v, where);
  const stats = {} as DamosStats;
  for (const [field, key] of STATS_KEYS) {
    const optional = key === 'nr_snapshots' || key === 'max_nr_snapshots';
    const raw = optional && !(key in o) ? 0n : need(o, key, where);
    stats[field] = int(scalar(raw, `${where}.${key}`, 'a number', textToNr), `${where}.${key}`);
  }
  return stats;
}

function kvToNrAccesses(v: JsonValue, where: string): NrAccesses {
  const o = asObject(v, where);
  const samples = optScalar(o.samples, `${where}.samples`, 'a number', textToNr);
  const percent = optScalar(o.percent, `${where}.percent`, 'a number', textToNr);
  return {
    samples: samples === null ? null : Number(samples),
    percent: percent === null ? null : Number(percent),
  };
}

function kvToAge(v: JsonValue | undefined, where: string): Age {
  const o = asObject(v, where);
  return {
    usec: optScalar(need(o, 'usec', where), `${where}.usec`, 'a time', textToUsSigned),
    aggrIntervals: optScalar(need(o, 'aggr_intervals', where), `${where}.aggr_intervals`, 'a number', textToNr),
  };
}

/**
 * A plain integer as upstream writes them ("4,294,967,296", "5000", or a JSON int),
 * or undefined for anything else (the general readers handle those, with errors).
 * Accepts exactly what PLAIN_INT does.
 */
function fastInt(v: JsonValue | undefined): bigint | undefined {
  if (typeof v === 'bigint') return v;
  if (typeof v !== 'string') return undefined;
  const n = v.length;
  if (n === 0 || n > 20) return n > 20 && PLAIN_INT.test(v) ? BigInt(v.replaceAll(',', '')) : undefined;
  let acc = 0;
  let group = 0; // digits since the last comma (or the start)
  let commas = 0;
  for (let i = 0; i < n; i++) {
    const c = v.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      acc = acc * 10 + (c - 48);
      group++;
    } else if (c === 44) {
      if (commas === 0 ? group < 1 || group > 3 : group !== 3) return undefined;
      commas++;
      group = 0;
    } else {
      return undefined;
    }
  }
  if (group === 0 || (commas > 0 && group !== 3)) return undefined;
  // up to 15 digits the double is exact
  return n - commas <= 15 ? BigInt(acc) : BigInt(commas ? v.replaceAll(',', '') : v);
}

/** A count as kvToNrAccesses gives it (null stays null), or undefined for the general path. */
function fastCount(v: JsonValue | undefined): number | null | undefined {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  const i = fastInt(v);
  return i === undefined ? undefined : Number(i);
}

function fastOptInt(v: JsonValue | undefined): bigint | null | undefined {
  if (v === null) return null;
  return fastInt(v);
}

/**
 * The region in upstream's usual layout, read without building field paths for
 * error messages; undefined when anything is unusual (kvToRegion then reads it).
 */
function fastRegion(v: JsonValue): Region | undefined {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const o = v as JsonObject;
  const start = fastInt(o.start);
  const end = fastInt(o.end);
  if (start === undefined || end === undefined) return undefined;
  let nrAccesses: NrAccesses | null = null;
  let age: Age | null = null;
  const na = o.nr_accesses;
  if (na !== undefined && na !== null) {
    if (typeof na !== 'object' || Array.isArray(na)) return undefined;
    const samples = fastCount(na.samples);
    const percent = fastCount(na.percent);
    if (samples === undefined || percent === undefined) return undefined;
    const ag = o.age;
    if (ag === undefined || ag === null || typeof ag !== 'object' || Array.isArray(ag)) return undefined;
    if (!('usec' in ag) || !('aggr_intervals' in ag)) return undefined;
    const usec = fastOptInt(ag.usec);
    const aggrIntervals = fastOptInt(ag.aggr_intervals);
    if (usec === undefined || aggrIntervals === undefined) return undefined;
    nrAccesses = { samples, percent };
    age = { usec, aggrIntervals };
  }
  const hits = o.probe_hits;
  if (hits !== undefined && hits !== null && !(Array.isArray(hits) && hits.length === 0)) return undefined;
  let szFilterPassed: PyNum | null = 0n;
  if ('sz_filter_passed' in o) {
    const f = o.sz_filter_passed;
    if (f === '0 B') szFilterPassed = 0n;
    else {
      const i = fastOptInt(f);
      if (i === undefined) return undefined;
      szFilterPassed = i;
    }
  }
  return { start, end, nrAccesses, age, probeHits: [], szFilterPassed };
}

export function kvToRegion(v: JsonValue, where: string): Region {
  const o = asObject(v, where);
  const addr = (key: string) => int(scalar(need(o, key, where), `${where}.${key}`, 'an address', textToNr), `${where}.${key}`);
  const region: Region = {
    start: addr('start'),
    end: addr('end'),
    nrAccesses: null,
    age: null,
    probeHits: [],
    szFilterPassed: 0n,
  };
  if (o.nr_accesses !== undefined && o.nr_accesses !== null) {
    region.nrAccesses = kvToNrAccesses(o.nr_accesses, `${where}.nr_accesses`);
    region.age = kvToAge(need(o, 'age', where), `${where}.age`);
  }
  if (o.probe_hits !== undefined && o.probe_hits !== null) {
    const pw = `${where}.probe_hits`;
    region.probeHits = asList(o.probe_hits, pw).map((h, i) => int(scalar(h, `${pw}[${i}]`, 'a number', textToNr), pw));
  }
  if ('sz_filter_passed' in o) {
    // null is what a kernel without the sz_filter_passed file gives; upstream cannot write it
    region.szFilterPassed = optScalar(o.sz_filter_passed, `${where}.sz_filter_passed`, 'a size', textToBytes);
  }
  return region;
}

export function kvToSnapshot(v: JsonValue, where: string): Snapshot {
  const o = asObject(v, where);
  const time = (key: string) => scalar(need(o, key, where), `${where}.${key}`, 'a time in ns', textToNsSigned);
  const regions = asList(need(o, 'regions', where), `${where}.regions`).map(
    (r, i) => fastRegion(r) ?? kvToRegion(r, `${where}.regions[${i}]`),
  );
  const total = optScalar(o.total_bytes, `${where}.total_bytes`, 'a size', textToBytes);
  return {
    startTime: time('start_time'),
    endTime: time('end_time'),
    regions,
    totalBytes: total ?? sumRegionSizes(regions),
    damosStats: kvToStats(o.damos_stats, `${where}.damos_stats`),
    sampleIntervalUs: optScalar(o.sample_interval_us, `${where}.sample_interval_us`, 'microseconds', textToUs),
  };
}

/**
 * Fills a record's fields other than snapshots from `o` (which may be partial while
 * streaming: keys written after "snapshots" arrive later, so this runs again at the end).
 */
export function kvToRecordHead(o: JsonObject, where: string, complete: boolean): DamonRecord {
  if (complete) need(o, 'target_id', where);
  const tid = o.target_id;
  const targetId = optScalar(tid, `${where}.target_id`, 'a target id', textToNr);
  const filters = o.scheme_filters;
  const ds = o.data_source;
  if (ds !== undefined && ds !== null && typeof ds !== 'string') {
    throw new RecordShapeError(`${where}.data_source`, `expected a text but found ${kind(ds)}`);
  }
  return {
    kdamondIdx: optSmallInt(o.kdamond_idx, `${where}.kdamond_idx`),
    contextIdx: optSmallInt(o.context_idx, `${where}.context_idx`),
    intervals: kvToIntervals(o.intervals, `${where}.intervals`),
    schemeIdx: optSmallInt(o.scheme_idx, `${where}.scheme_idx`),
    targetId: targetId === null ? null : int(targetId, `${where}.target_id`),
    schemeFilters:
      filters === undefined || filters === null
        ? []
        : asList(filters, `${where}.scheme_filters`).map((f, i) => kvToFilter(f, `${where}.scheme_filters[${i}]`)),
    snapshots: [],
    dataSource: (ds as string | null | undefined) ?? 'unknown',
  };
}

/** A whole record object (snapshots included). */
export function kvToRecord(v: JsonValue, where: string): DamonRecord {
  const o = asObject(v, where);
  const record = kvToRecordHead(o, where, true);
  record.snapshots = asList(need(o, 'snapshots', where), `${where}.snapshots`).map((s, i) =>
    kvToSnapshot(s, `${where}.snapshots[${i}]`),
  );
  return record;
}
