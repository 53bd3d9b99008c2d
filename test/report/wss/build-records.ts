// Small records built in code for the report tests: regions as [start, end, samples].
import type { DamonRecord, Intervals, Region, Snapshot } from '../../../src/model/record.ts';
import { sumRegionSizes } from '../../../src/model/record.ts';

export type RegionSpec = [number | bigint, number | bigint, number];

export function region([start, end, samples]: RegionSpec, ageAggrs: number | null = null): Region {
  return {
    start: BigInt(start),
    end: BigInt(end),
    nrAccesses: { samples, percent: null },
    age: { usec: null, aggrIntervals: ageAggrs === null ? null : BigInt(ageAggrs) },
    probeHits: [],
    szFilterPassed: null,
  };
}

/** A snapshot over [startNs, endNs) with the given regions. */
export function snapshot(startNs: number | bigint, endNs: number | bigint, regions: (RegionSpec | Region)[]): Snapshot {
  const rs = regions.map((r) => (Array.isArray(r) ? region(r) : r));
  return {
    startTime: BigInt(startNs),
    endTime: BigInt(endNs),
    regions: rs,
    totalBytes: sumRegionSizes(rs),
    damosStats: null,
    sampleIntervalUs: null,
  };
}

export function intervals(sampleUs: number, aggrUs: number): Intervals {
  return {
    sampleUs: BigInt(sampleUs),
    aggrUs: BigInt(aggrUs),
    opsUpdateUs: 1000000n,
    goal: { accessBp: 0n, aggrs: 0n, minSampleUs: 0n, maxSampleUs: 0n },
  };
}

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

/** `n` snapshots of 100 ms each, the i-th made by `regionsAt(i)`. */
export function timeline(n: number, regionsAt: (i: number) => RegionSpec[], periodNs = 100_000_000): Snapshot[] {
  return Array.from({ length: n }, (_, i) => snapshot(i * periodNs, (i + 1) * periodNs, regionsAt(i)));
}
