// Small records built in code for the access report tests: regions given as
// [start, end, samples, aggr_intervals], like a file read back with nothing derived.
import type { DamonRecord, Intervals, Region, Snapshot } from '../../../src/model/record.ts';
import { modelRegion, modelSnapshot, record as plainRecord } from '../../helpers/record-builders.ts';

export type RegionSpec = [start: number, end: number, samples: number, aggrIntervals: number | null];

export function region([start, end, samples, aggrIntervals]: RegionSpec, szFilterPassed: bigint | null = 0n): Region {
  return modelRegion(start, end, samples, aggrIntervals, szFilterPassed);
}

export function snapshot(startNs: bigint, endNs: bigint, regions: Region[]): Snapshot {
  return modelSnapshot(startNs, endNs, regions);
}

/** 5 ms sampling, 100 ms aggregation, no tuning goal: 20 samples per aggregation. */
export const INTERVALS_5MS_100MS: Intervals = {
  sampleUs: 5000n,
  aggrUs: 100000n,
  opsUpdateUs: 1000000n,
  goal: { accessBp: 0n, aggrs: 0n, minSampleUs: 0n, maxSampleUs: 0n },
};

export function record(snapshots: Snapshot[], intervals: Intervals | null = INTERVALS_5MS_100MS): DamonRecord {
  return plainRecord(snapshots, { intervals, targetId: 42n });
}

/**
 * Three regions: A 8 KiB at 4 KiB with 10 of 20 samples (50 %) for 3 aggregations,
 * B 16 KiB idle for 5 aggregations, C 4 KiB always accessed (100 %) and new.
 * Temperatures (0, 100, 100): A 30,005,000, B -50,000,000, C 10,000.
 */
export function threeRegionRecord(): DamonRecord {
  return record([
    snapshot(0n, 100_000_000n, [
      region([0x1000, 0x3000, 10, 3]),
      region([0x3000, 0x7000, 0, 5]),
      region([0x7000, 0x8000, 20, 0]),
    ]),
  ]);
}

/** Strips ANSI color codes, for comparing layouts. */
export function plain(text: string): string {
  // biome-ignore lint: the escape is the point
  return text.replace(/\x1b\[[0-9;]*m/g, '');
}
