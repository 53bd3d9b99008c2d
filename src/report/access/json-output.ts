// `damo report access --json`: the records as upstream's to_kvpairs() with Python's
// json.dumps(indent=4) layout (spec/reports.md §6.11, spec/records.md §3.3). Regions
// are always human-formatted, even with --raw_number, as upstream has it.
import { type PyJson, pyJsonDumps } from '../../base/py-json.ts';
import {
  formatNr,
  formatSz,
  formatTimeNsExact,
  formatTimeUs,
  formatTimeUsExact,
} from '../../base/units.ts';
import { damosStatsToKv } from '../../model/damos-stats-kv.ts';
import { intervalsToKv } from '../../model/intervals-kv.ts';
import type { DamonRecord, DamosFilter, Region, Snapshot } from '../../model/record.ts';
import { asPyNum } from './region-metrics.ts';

function numberAsStored(x: number | null): PyJson {
  return x === null ? null : asPyNum(x);
}

function regionKv(r: Region): PyJson {
  const kv: { [key: string]: PyJson } = { start: formatNr(r.start), end: formatNr(r.end) };
  if (r.nrAccesses === null) return kv;
  kv.nr_accesses = { samples: numberAsStored(r.nrAccesses.samples), percent: numberAsStored(r.nrAccesses.percent) };
  kv.age = {
    usec: r.age?.usec == null ? null : formatTimeUsExact(r.age.usec),
    aggr_intervals: r.age?.aggrIntervals == null ? null : formatNr(r.age.aggrIntervals),
  };
  kv.probe_hits = r.probeHits;
  kv.sz_filter_passed = r.szFilterPassed === null ? null : formatSz(r.szFilterPassed);
  return kv;
}

function filterKv(f: DamosFilter, raw: boolean): PyJson {
  return {
    filter_type: f.filterType,
    matching: f.matching,
    allow: f.allow,
    memcg_path: f.memcgPath,
    address_range: f.addressRange
      ? { start: formatNr(f.addressRange.start), end: formatNr(f.addressRange.end) }
      : null,
    damon_target_idx: f.damonTargetIdx === null ? null : formatNr(f.damonTargetIdx, raw),
    hugepage_size: f.hugepageSize ? [formatSz(f.hugepageSize[0], raw), formatSz(f.hugepageSize[1], raw)] : null,
  };
}

function snapshotKv(s: Snapshot, raw: boolean): PyJson {
  return {
    start_time: formatTimeNsExact(s.startTime, raw),
    end_time: formatTimeNsExact(s.endTime, raw),
    regions: s.regions.map(regionKv),
    total_bytes: formatSz(s.totalBytes, raw),
    damos_stats: s.damosStats ? damosStatsToKv(s.damosStats, raw) : null,
    sample_interval_us: s.sampleIntervalUs === null ? null : formatTimeUs(s.sampleIntervalUs, raw),
  };
}

function recordKv(r: DamonRecord, raw: boolean): PyJson {
  return {
    kdamond_idx: r.kdamondIdx === null ? null : BigInt(r.kdamondIdx),
    context_idx: r.contextIdx === null ? null : BigInt(r.contextIdx),
    intervals: r.intervals ? intervalsToKv(r.intervals, raw) : null,
    scheme_idx: r.schemeIdx === null ? null : BigInt(r.schemeIdx),
    target_id: r.targetId,
    scheme_filters: r.schemeFilters.map((f) => filterKv(f, raw)),
    snapshots: r.snapshots.map((s) => snapshotKv(s, raw)),
    data_source: r.dataSource,
  };
}

export function recordsJsonText(records: DamonRecord[], raw: boolean): string {
  return pyJsonDumps(records.map((r) => recordKv(r, raw)));
}
