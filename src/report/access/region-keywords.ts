// Text of the region-area keywords (spec/reports.md §6.3, "Region keywords").
import { toFloat } from '../../base/py-num.ts';
import { formatHz, formatNr, formatPercent, formatSz, formatTimeUs } from '../../base/units.ts';
import type { Region } from '../../model/record.ts';
import type { AccessReportOptions } from './access-options.ts';
import { type BoxRanges, regionBox } from './region-box.ts';
import { ageUsecOf, percentOf, samplesOf, temperatureOf } from './region-metrics.ts';

export interface RegionEnv {
  region: Region;
  /** Position after sorting. */
  index: number;
  /** The snapshot's aggregation interval in effect, us. */
  aggrUs: number;
  opts: AccessReportOptions;
  boxRanges: () => BoxRanges;
}

export function regionKeywordText(keyword: string, env: RegionEnv): string {
  const { region: r, opts } = env;
  const raw = opts.raw;
  switch (keyword) {
    case '<index>':
      return formatNr(BigInt(env.index), raw);
    case '<start address>':
      return formatSz(r.start, raw);
    case '<end address>':
      return formatSz(r.end, raw);
    case '<size>':
      return formatSz(r.end - r.start, raw);
    case '<access rate>':
      return formatPercent(toFloat(percentOf(r)), raw);
    case '<access hz>':
      return formatHz(samplesOf(r) / (env.aggrUs / 1e6), raw);
    case '<age>':
      return formatTimeUs(ageUsecOf(r), raw);
    case '<temperature>':
      return formatNr(temperatureOf(r, opts.temperatureWeights), raw);
    case '<probe hits>':
      return r.probeHits.map((h) => `${h}`).join(' ');
    case '<filters passed bytes>':
      return r.szFilterPassed === null ? 'N/A' : formatSz(r.szFilterPassed, raw);
    case '<box>':
      return regionBox(r, opts.regionBox, env.boxRanges());
    default:
      return keyword;
  }
}
