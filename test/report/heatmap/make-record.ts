// Small records built in code for the heatmap tests (numbers in, on the shared builders).
import type { Region, Snapshot } from '../../../src/model/record.ts';
import { modelRegion, modelSnapshot } from '../../helpers/record-builders.ts';

export { intervals, record } from '../../helpers/record-builders.ts';

export function region(start: number, end: number, samples: number, ageAggrs: number | null = null, szFilterPassed = 0): Region {
  return modelRegion(start, end, samples, ageAggrs, BigInt(szFilterPassed));
}

export function snapshot(start: number, end: number, regions: Region[], sampleIntervalUs: number | null = null): Snapshot {
  return modelSnapshot(start, end, regions, sampleIntervalUs);
}
