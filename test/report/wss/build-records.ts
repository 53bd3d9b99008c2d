// Small records built in code for the report tests: regions as [start, end, samples].
import type { Region, Snapshot } from '../../../src/model/record.ts';
import { modelRegion, modelSnapshot } from '../../helpers/record-builders.ts';

export { intervals, record } from '../../helpers/record-builders.ts';

export type RegionSpec = [number | bigint, number | bigint, number];

export function region([start, end, samples]: RegionSpec, ageAggrs: number | null = null): Region {
  return modelRegion(start, end, samples, ageAggrs, null);
}

/** A snapshot over [startNs, endNs) with the given regions. */
export function snapshot(startNs: number | bigint, endNs: number | bigint, regions: (RegionSpec | Region)[]): Snapshot {
  return modelSnapshot(startNs, endNs, regions.map((r) => (Array.isArray(r) ? region(r) : r)));
}

/** `n` snapshots of 100 ms each, the i-th made by `regionsAt(i)`. */
export function timeline(n: number, regionsAt: (i: number) => RegionSpec[], periodNs = 100_000_000): Snapshot[] {
  return Array.from({ length: n }, (_, i) => snapshot(i * periodNs, (i + 1) * periodNs, regionsAt(i)));
}
