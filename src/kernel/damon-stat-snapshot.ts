// A snapshot made from the DAMON_STAT module's idle-time percentiles, for when no
// kdamond runs but DAMON_STAT does (spec/records.md §1.6): 100 equal slices of memory,
// slice p idle for the mean of percentiles p and p+1.
import { totalmem } from 'node:os';
import { UserError } from '../base/user-error.ts';
import type { DamonRecord, Region } from '../model/record.ts';
import type { FeatureSet } from './features.ts';
import type { Fs } from './fs.ts';
import { mergeSnapshotRegions } from '../model/merge-snapshot-regions.ts';

const PARAMS = '/sys/module/damon_stat/parameters';

export function damonStatUsable(fs: Fs, have: FeatureSet): boolean {
  if (!have.has('interface/damon_stat') || !have.has('stat/aggr_interval')) return false;
  const f = `${PARAMS}/enabled`;
  return fs.isFile(f) && fs.read(f).trim() === 'Y';
}

/** MemTotal in bytes: /proc/meminfo where the tree has one (stand-in trees may), else the OS's. */
function memTotalBytes(fs: Fs): bigint {
  if (fs.isFile('/proc/meminfo')) {
    const m = /^MemTotal:\s+(\d+)\s+kB$/m.exec(fs.read('/proc/meminfo'));
    if (m) return BigInt(m[1]) * 1024n;
  }
  return BigInt(totalmem());
}

function intParam(fs: Fs, name: string): bigint {
  const t = fs.read(`${PARAMS}/${name}`).trim();
  if (!/^-?\d+$/.test(t)) throw new UserError(`${fs.shown(`${PARAMS}/${name}`)} holds '${t}', not a number`);
  return BigInt(t);
}

export function damonStatRecord(fs: Fs, opts: { dontMergeRegions: boolean; nowNs: number }): DamonRecord {
  const aggr = intParam(fs, 'aggr_interval_us');
  const text = fs.read(`${PARAMS}/memory_idle_ms_percentiles`).trim();
  const pct = text.split(',').map((x) => x.trim());
  if (pct.length !== 101 || pct.some((x) => !/^-?\d+$/.test(x))) {
    throw new UserError(`${fs.shown(`${PARAMS}/memory_idle_ms_percentiles`)} does not hold 101 comma-separated numbers`);
  }
  const p = pct.map(Number);
  const total = memTotalBytes(fs);
  const m = Number(total);
  const regions: Region[] = [];
  for (let i = 0; i < 100; i++) {
    // Python's int(p * M / 100): a float division, truncated.
    const start = BigInt(Math.trunc((i * m) / 100));
    const end = BigInt(Math.trunc(((i + 1) * m) / 100));
    const idleMs = Math.trunc((p[i] + p[i + 1]) / 2);
    regions.push({
      start,
      end,
      nrAccesses: { samples: idleMs < 0 ? 10 : 0, percent: null },
      age: { usec: BigInt(idleMs) * 1000n, aggrIntervals: null },
      probeHits: [],
      szFilterPassed: 0n,
    });
  }
  const sample = Number(aggr) / 20;
  const end = opts.nowNs;
  return {
    kdamondIdx: -1,
    contextIdx: 0,
    intervals: {
      sampleUs: sample,
      aggrUs: aggr,
      opsUpdateUs: 60000000n,
      goal: { accessBp: 400n, aggrs: 3n, minSampleUs: 5000n, maxSampleUs: 10000000n },
    },
    schemeIdx: null,
    targetId: 0n,
    schemeFilters: [],
    snapshots: [
      {
        startTime: end - Number(aggr) * 1000,
        endTime: end,
        regions: opts.dontMergeRegions ? regions : mergeSnapshotRegions(regions),
        totalBytes: total,
        damosStats: null,
        sampleIntervalUs: sample,
      },
    ],
    dataSource: 'damon_stat',
  };
}
