// Text of the snapshot-area keywords (spec/reports.md §6.3, "Snapshot keywords").
import { colorSamples } from '../../base/ansi-colors.ts';
import { type PyNum, pyAdd, pyDiv, pyMul, pySub, toFloat } from '../../base/py-num.ts';
import {
  formatHz,
  formatNr,
  formatPercent,
  formatSz,
  formatTimeNs,
  formatTimeUs,
  textToNr,
  textToUs,
} from '../../base/units.ts';
import type { DamonRecord, Intervals, Region, Snapshot } from '../../model/record.ts';
import type { AccessReportOptions } from './access-options.ts';
import { opsFiltersText } from './damos-filter-text.ts';
import { percentilesText } from './percentiles.ts';
import { type BoxRanges, regionBoxDescription } from './region-box.ts';
import { idleTimeUsOf, samplesOf, sizeFreeWeights, snapshotIntervals, temperatureOf } from './region-metrics.ts';
import { sizeHistogram } from './size-histogram.ts';
import { snapshotHeatmap } from './snapshot-heatmap.ts';

export interface SnapshotEnv {
  record: DamonRecord;
  snapshot: Snapshot;
  opts: AccessReportOptions;
  boxRanges: () => BoxRanges;
}

type Metric = 'recency' | 'temperature';

function points(env: SnapshotEnv, metric: Metric, dfPassed: boolean, aggrUs: PyNum) {
  const weights = sizeFreeWeights(env.opts.temperatureWeights);
  return env.snapshot.regions.map((r) => ({
    metric: metric === 'recency' ? idleTimeUsOf(r, aggrUs) : temperatureOf(r, weights),
    count: dfPassed ? (r.szFilterPassed ?? 0n) : r.end - r.start,
  }));
}

function histogram(env: SnapshotEnv, metric: Metric, dfPassed: boolean, aggrUs: PyNum): string {
  const raw = env.opts.raw;
  return sizeHistogram(
    {
      points: points(env, metric, dfPassed, aggrUs),
      parseBound: metric === 'recency' ? textToUs : textToNr,
      formatBound: (v) => (metric === 'recency' ? formatTimeUs(v, raw) : formatNr(v, raw)),
    },
    env.opts.histogram,
    raw,
  );
}

function percentiles(env: SnapshotEnv, metric: Metric, dfPassed: boolean, aggrUs: PyNum): string {
  const raw = env.opts.raw;
  const label = dfPassed ? '<df-passed percentile>' : '<percentile>';
  const weights = env.opts.temperatureWeights.join(', ');
  const value = metric === 'recency' ? (raw ? '<idle time (us)>' : '<idle time>') : `<temperature (weights: [${weights}])>`;
  return percentilesText(
    {
      points: points(env, metric, dfPassed, aggrUs),
      header: `${label} ${value}`,
      formatValue: (v) => (metric === 'recency' ? formatTimeUs(v, raw) : formatNr(v, raw)),
    },
    env.opts.percentiles,
  );
}

function sumOf(regions: Region[], f: (r: Region) => PyNum): PyNum {
  return regions.reduce<PyNum>((s, r) => pyAdd(s, f(r)), 0n);
}

function intervalsTuningStatus(regions: Region[], intervals: Intervals, sample: PyNum, aggr: PyNum, raw: boolean) {
  const ratio = pyDiv(intervals.aggrUs, intervals.sampleUs);
  const obs = sumOf(regions, (r) => pyMul(r.end - r.start, BigInt(samplesOf(r))));
  const maxObs = regions.reduce((s, r) => s + ratio * Number(r.end - r.start), 0);
  const pct = (toFloat(obs) * 100) / Math.max(maxObs, 1);
  return `${formatPercent(pct, raw)} (${formatSz(obs, raw)} / ${formatSz(maxObs, raw)}) ${formatTimeUs(sample, raw)} ${formatTimeUs(aggr, raw)}`;
}

function damosStatsText(s: Snapshot, raw: boolean): string {
  const st = s.damosStats;
  if (!st) return 'none';
  return [
    `tried ${formatNr(st.nrTried, raw)} times (${formatSz(st.szTried, raw)})`,
    `applied ${formatNr(st.nrApplied, raw)} times (${formatSz(st.szApplied, raw)})`,
    `${formatSz(st.szOpsFilterPassed, raw)} passed filters`,
    `quota exceeded ${formatNr(st.qtExceeds, raw)} times`,
    // Upstream prints the filter-passed size a second time here.
    `${formatSz(st.szOpsFilterPassed, raw)}`,
    `tried ${formatNr(st.nrSnapshots, raw)} snapshots (max ${formatNr(st.maxNrSnapshots, raw)})`,
  ].join('\n');
}

function filterPassedRegions(regions: Region[]): Region[] {
  // None counts as passed, as upstream's `!= 0` test has it.
  return regions.filter((r) => r.szFilterPassed === null || toFloat(r.szFilterPassed) !== 0);
}

export function snapshotKeywordText(keyword: string, env: SnapshotEnv): string {
  const { record, snapshot: s, opts } = env;
  const raw = opts.raw;
  const regions = s.regions;
  const intervals = record.intervals as Intervals;
  const [sample, aggr] = snapshotIntervals(s, intervals);
  const first = record.snapshots[0];
  switch (keyword) {
    case '<total bytes>':
      return formatSz(s.totalBytes, raw);
    case '<duration>':
      return formatTimeNs(pySub(s.endTime, s.startTime), raw);
    case '<start time>':
      return formatTimeNs(pySub(s.startTime, first.startTime), raw);
    case '<end time>':
      return formatTimeNs(pySub(s.endTime, first.startTime), raw);
    case '<abs start time>':
      return formatTimeNs(s.startTime, raw);
    case '<abs end time>':
      return formatTimeNs(s.endTime, raw);
    case '<number of regions>':
      return formatNr(BigInt(regions.length), raw);
    case '<region box colors>':
      return colorSamples(opts.regionBox.colorset);
    case '<region box description>':
      return regionBoxDescription(opts.regionBox, env.boxRanges(), raw);
    case '<temperature-sz histogram>':
      return histogram(env, 'temperature', false, aggr);
    case '<temperature-df-passed-sz histogram>':
      return histogram(env, 'temperature', true, aggr);
    case '<recency-sz histogram>':
      return histogram(env, 'recency', false, aggr);
    case '<recency-df-passed-sz histogram>':
      return histogram(env, 'recency', true, aggr);
    case '<recency percentiles>':
      return percentiles(env, 'recency', false, aggr);
    case '<df-passed recency percentiles>':
      return percentiles(env, 'recency', true, aggr);
    case '<temperature percentiles>':
      return percentiles(env, 'temperature', false, aggr);
    case '<df-passed temperature percentiles>':
      return percentiles(env, 'temperature', true, aggr);
    case '<heatmap>':
      return snapshotHeatmap(regions, opts.heatmap, opts.temperatureWeights, raw);
    case '<filters passed heatmap>':
      return snapshotHeatmap(filterPassedRegions(regions), opts.heatmap, opts.temperatureWeights, raw);
    case '<filters passed type>':
      return opsFiltersText(record, raw);
    case '<filters passed bytes>':
      if (regions.some((r) => r.szFilterPassed === null)) return 'N/A';
      return formatSz(sumOf(regions, (r) => r.szFilterPassed as PyNum), raw);
    case '<positive access samples ratio>': {
      const ratio = pyDiv(intervals.aggrUs, intervals.sampleUs);
      const samples = regions.reduce((sum, r) => sum + samplesOf(r), 0);
      return formatPercent((samples * 100) / (ratio * regions.length), raw);
    }
    case '<estimated memory bandwidth>': {
      const bytes = sumOf(regions, (r) => pyMul(r.end - r.start, BigInt(samplesOf(r))));
      return `${formatSz(toFloat(bytes) / (toFloat(aggr) / 1e6), raw)} per second`;
    }
    case '<filters passed estimated memory bandwidth>': {
      const bytes = sumOf(regions, (r) => pyMul(r.szFilterPassed ?? 0n, BigInt(samplesOf(r))));
      return `${formatSz(toFloat(bytes) / (toFloat(aggr) / 1e6), raw)} per second`;
    }
    case '<intervals tuning status>':
      return intervalsTuningStatus(regions, intervals, sample, aggr, raw);
    case '<damos stats>':
      return damosStatsText(s, raw);
    case '<snapshot intervals>': {
      const ratio = pyDiv(intervals.aggrUs, intervals.sampleUs);
      const maxHz = ratio / (toFloat(aggr) / 1e6);
      return `sample ${formatTimeUs(toFloat(aggr) / ratio, raw)} aggr ${formatTimeUs(aggr, raw)} (max access hz ${formatHz(maxHz, raw, true)})`;
    }
    default:
      return keyword;
  }
}
