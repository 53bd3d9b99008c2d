// Small records built in code for the heatmap tests.
import type { DamonRecord, Intervals, Region, Snapshot } from '../../../src/model/record.ts';

export function region(start: number, end: number, samples: number, ageAggrs: number | null = null, szFilterPassed = 0): Region {
  return {
    start: BigInt(start),
    end: BigInt(end),
    nrAccesses: { samples, percent: null },
    age: { usec: null, aggrIntervals: ageAggrs === null ? null : BigInt(ageAggrs) },
    probeHits: [],
    szFilterPassed: BigInt(szFilterPassed),
  };
}

export function snapshot(start: number, end: number, regions: Region[], sampleIntervalUs: number | null = null): Snapshot {
  let total = 0n;
  for (const r of regions) total += r.end - r.start;
  return {
    startTime: BigInt(start),
    endTime: BigInt(end),
    regions,
    totalBytes: total,
    damosStats: null,
    sampleIntervalUs: sampleIntervalUs === null ? null : BigInt(sampleIntervalUs),
  };
}

export function intervals(sampleUs: number, aggrUs: number, goalAggrs = 0): Intervals {
  return {
    sampleUs: BigInt(sampleUs),
    aggrUs: BigInt(aggrUs),
    opsUpdateUs: 1000000n,
    goal: { accessBp: 0n, aggrs: BigInt(goalAggrs), minSampleUs: 0n, maxSampleUs: 0n },
  };
}

export function record(snapshots: Snapshot[], opts: Partial<DamonRecord> = {}): DamonRecord {
  return {
    kdamondIdx: null,
    contextIdx: null,
    intervals: null,
    schemeIdx: null,
    targetId: null,
    schemeFilters: [],
    snapshots,
    dataSource: 'unknown',
    ...opts,
  };
}
