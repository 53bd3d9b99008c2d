// Region order for the region lines (spec/reports.md §6.9): one stable sort per
// --sort_regions_by key, in order, so the last key given is the primary one.
import { type PyNum, pyCompare } from '../../base/py-num.ts';
import type { Region } from '../../model/record.ts';
import type { SortKey } from './access-options.ts';
import { type TemperatureWeights, ageUsecOf, percentOf, temperatureOf } from './region-metrics.ts';

function keyOf(key: SortKey, weights: TemperatureWeights): (r: Region) => PyNum {
  switch (key) {
    case 'address':
      return (r) => r.start;
    case 'access_rate':
      return percentOf;
    case 'age':
      return ageUsecOf;
    case 'size':
      return (r) => r.end - r.start;
    case 'temperature':
      return (r) => temperatureOf(r, weights);
  }
}

export function sortRegions(
  regions: Region[],
  sortBy: SortKey[],
  sortDsc: (SortKey | 'all')[],
  weights: TemperatureWeights,
): Region[] {
  let out = [...regions];
  for (const key of sortBy) {
    const value = keyOf(key, weights);
    const sign = sortDsc.includes('all') || sortDsc.includes(key) ? -1 : 1;
    const keyed = out.map((r) => ({ r, k: value(r) }));
    keyed.sort((a, b) => sign * pyCompare(a.k, b.k));
    out = keyed.map((x) => x.r);
  }
  return out;
}
