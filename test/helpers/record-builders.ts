// Records built in code for report tests: the model objects every test folder needs,
// with nothing derived (as a file read back). The folders' own builders
// (test/report/{access,heatmap,wss}) keep their handy argument shapes on top of these.
import type { DamonRecord, Intervals, Region, Snapshot } from '../../src/model/record.ts';
import { sumRegionSizes } from '../../src/model/record.ts';

type Int = number | bigint;

/** A region with its access count in samples and age in aggregation intervals. */
export function modelRegion(start: Int, end: Int, samples: number, ageAggrs: Int | null, szFilterPassed: bigint | null): Region {
  return {
    start: BigInt(start),
    end: BigInt(end),
    nrAccesses: { samples, percent: null },
    age: { usec: null, aggrIntervals: ageAggrs === null ? null : BigInt(ageAggrs) },
    probeHits: [],
    szFilterPassed,
  };
}

/** A snapshot over [startNs, endNs); total bytes are the regions' sizes. */
export function modelSnapshot(startNs: Int, endNs: Int, regions: Region[], sampleIntervalUs: Int | null = null): Snapshot {
  return {
    startTime: BigInt(startNs),
    endTime: BigInt(endNs),
    regions,
    totalBytes: sumRegionSizes(regions),
    damosStats: null,
    sampleIntervalUs: sampleIntervalUs === null ? null : BigInt(sampleIntervalUs),
  };
}

/** Sampling and aggregation intervals, 1 s ops update, tuning off unless `goalAggrs` is given. */
export function intervals(sampleUs: number, aggrUs: number, goalAggrs = 0): Intervals {
  return {
    sampleUs: BigInt(sampleUs),
    aggrUs: BigInt(aggrUs),
    opsUpdateUs: 1000000n,
    goal: { accessBp: 0n, aggrs: BigInt(goalAggrs), minSampleUs: 0n, maxSampleUs: 0n },
  };
}

/** A record without intervals, target or scheme unless `extra` gives them. */
export function record(snapshots: Snapshot[], extra: Partial<DamonRecord> = {}): DamonRecord {
  return {
    kdamondIdx: null,
    contextIdx: null,
    intervals: null,
    schemeIdx: null,
    targetId: null,
    schemeFilters: [],
    snapshots,
    dataSource: 'unknown',
    ...extra,
  };
}
