// Model -> upstream's to_kvpairs layout for JSON record files: key order and which
// fields are raw ('%d') or human strings (spec/records.md §3.3, §2.1). Fields upstream
// writes lossily or cannot write are listed in docs/compatibility.md ("Record files").
import { type PyNum, pyInt } from '../base/py-num.ts';
import { formatNr, formatSz, formatTimeNs, formatTimeUs, formatTimeUsExact, textToBytes } from '../base/units.ts';
import { damosStatsToKv } from '../model/damos-stats-kv.ts';
import { intervalsToKv } from '../model/intervals-kv.ts';
import type { DamonRecord, DamosFilter, Region, Snapshot } from '../model/record.ts';
import type { PyJson } from '../base/py-json.ts';

type Kv = { [key: string]: PyJson };

const raw = (x: PyNum) => formatNr(x, true);

/** A model number that is a Python int when integral (NrAccesses keeps plain numbers). */
function jsonNumber(x: number | null): PyJson {
  if (x === null) return null;
  return Number.isInteger(x) ? BigInt(x) : x;
}

/**
 * Upstream writes sz_filter_passed with format_sz ("31.617 MiB"), which loses bytes. We
 * keep that text when it reads back exactly, and else write "<bytes> B", which upstream
 * reads exactly too.
 */
export function szFilterPassedText(sz: PyNum): string {
  const text = formatSz(sz);
  try {
    if (textToBytes(text) === pyInt(sz)) return text;
  } catch {
    // fall through to the exact form
  }
  return `${formatNr(sz, true)} B`;
}

function filterToKv(f: DamosFilter): Kv {
  return {
    filter_type: f.filterType,
    matching: f.matching,
    allow: f.allow,
    memcg_path: f.memcgPath,
    address_range: f.addressRange ? { start: raw(f.addressRange.start), end: raw(f.addressRange.end) } : null,
    damon_target_idx: f.damonTargetIdx === null ? null : raw(f.damonTargetIdx),
    hugepage_size: f.hugepageSize ? [raw(f.hugepageSize[0]), raw(f.hugepageSize[1])] : null,
  };
}

/** Regions are written in the human form (upstream calls their encoder without raw). */
export function regionToKv(r: Region): Kv {
  const kv: Kv = { start: formatNr(r.start), end: formatNr(r.end) };
  if (r.nrAccesses === null) return kv;
  kv.nr_accesses = { samples: jsonNumber(r.nrAccesses.samples), percent: jsonNumber(r.nrAccesses.percent) };
  kv.age = {
    usec: r.age?.usec == null ? null : formatTimeUsExact(r.age.usec),
    aggr_intervals: r.age?.aggrIntervals == null ? null : formatNr(r.age.aggrIntervals),
  };
  kv.probe_hits = r.probeHits.map((h) => h);
  // upstream crashes on a None here (§2.3); null keeps "unknown" and reads back
  kv.sz_filter_passed = r.szFilterPassed === null ? null : szFilterPassedText(r.szFilterPassed);
  return kv;
}

export function snapshotToKv(s: Snapshot): Kv {
  return {
    start_time: formatTimeNs(s.startTime, true),
    end_time: formatTimeNs(s.endTime, true),
    regions: s.regions.map(regionToKv),
    total_bytes: raw(s.totalBytes),
    damos_stats: s.damosStats ? damosStatsToKv(s.damosStats, true) : null,
    sample_interval_us: s.sampleIntervalUs === null ? null : formatTimeUs(s.sampleIntervalUs, true),
  };
}

/** The record's keys other than snapshots, in order: those before and after "snapshots". */
export function recordHeadToKv(r: DamonRecord): { before: Kv; after: Kv } {
  return {
    before: {
      kdamond_idx: r.kdamondIdx === null ? null : BigInt(r.kdamondIdx),
      context_idx: r.contextIdx === null ? null : BigInt(r.contextIdx),
      intervals: r.intervals ? intervalsToKv(r.intervals, true) : null,
      scheme_idx: r.schemeIdx === null ? null : BigInt(r.schemeIdx),
      target_id: r.targetId,
      scheme_filters: r.schemeFilters.map(filterToKv),
    },
    after: { data_source: r.dataSource },
  };
}
