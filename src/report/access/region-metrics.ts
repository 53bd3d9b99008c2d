// Per-region and per-snapshot values the access report derives from a record
// (spec/reports.md §5.2, §6.2, §6.2.1): access rate, age, temperature, idle time,
// and the intervals a snapshot was taken with under interval auto-tuning.
import { type PyNum, pyAdd, pyDiv, pyInt, pyMul, pySub, toFloat } from '../../base/py-num.ts';
import { type Intervals, type Region, type Snapshot, intervalsGoalEnabled } from '../../model/record.ts';

/** [size, access_rate, age] weights; upstream's default is [0, 100, 100]. */
export type TemperatureWeights = [bigint, bigint, bigint];
export const DEFAULT_TEMPERATURE_WEIGHTS: TemperatureWeights = [0n, 100n, 100n];

/** A JS number holding a Python value: integral ones came from ints in every path we read. */
export function asPyNum(x: number): PyNum {
  return Number.isInteger(x) ? BigInt(x) : x;
}

export function samplesOf(r: Region): number {
  return r.nrAccesses?.samples ?? 0;
}

/** The region's access rate in percent (filled by the record filters when intervals are known). */
export function percentOf(r: Region): PyNum {
  const p = r.nrAccesses?.percent;
  return p === null || p === undefined ? 0n : asPyNum(p);
}

export function ageUsecOf(r: Region): PyNum {
  return r.age?.usec ?? 0n;
}

export function regionSizeOf(r: Region): bigint {
  return r.end - r.start;
}

/** Size/access/age score; negative for regions that saw no access, so colder is lower. */
export function temperatureOf(r: Region, weights: TemperatureWeights): PyNum {
  return temperatureOfSized(regionSizeOf(r), r, weights);
}

/** temperatureOf with an explicit size (the heatmap clips regions to float pixel bounds). */
export function temperatureOfSized(size: PyNum, r: Region, weights: TemperatureWeights): PyNum {
  const [ws, wa, wage] = weights;
  const percent = percentOf(r);
  const score = pyAdd(pyAdd(pyMul(size, ws), pyMul(percent, wa)), pyMul(ageUsecOf(r), wage));
  return toFloat(percent) > 0 ? score : pyMul(score, -1n);
}

/** Weights used by histograms and percentiles: the size weight is forced to zero. */
export function sizeFreeWeights(weights: TemperatureWeights): TemperatureWeights {
  return [0n, weights[1], weights[2]];
}

/** Idle time in microseconds: zero if accessed, else age plus one aggregation interval. */
export function idleTimeUsOf(r: Region, aggrUs: PyNum): PyNum {
  if (toFloat(percentOf(r)) > 0) return 0n;
  return pyAdd(ageUsecOf(r), aggrUs);
}

/** [sample_us, aggr_us] in effect for a snapshot (spec/reports.md §6.2.1). */
export function snapshotIntervals(snapshot: Snapshot, intervals: Intervals): [PyNum, PyNum] {
  const { sampleUs: sample, aggrUs: aggr } = intervals;
  if (!intervalsGoalEnabled(intervals.goal)) return [sample, aggr];
  const ratio = pyDiv(aggr, sample);
  if (snapshot.sampleIntervalUs !== null) {
    return [snapshot.sampleIntervalUs, pyMul(snapshot.sampleIntervalUs, ratio)];
  }
  const snapAggr = pyDiv(pySub(snapshot.endTime, snapshot.startTime), 1000n);
  if (Math.abs(snapAggr - toFloat(aggr)) / toFloat(aggr) < 0.1) return [sample, aggr];
  return [snapAggr / ratio, snapAggr];
}

/**
 * Fills the unit a record file left unset (percent from samples or back, age usec
 * from aggregation intervals or back), as upstream's filter pass does in place.
 */
export function withDerivedUnits(r: Region, intervals: Intervals): Region {
  const maxNr = pyDiv(intervals.aggrUs, intervals.sampleUs);
  let { nrAccesses, age } = r;
  if (nrAccesses) {
    let { samples, percent } = nrAccesses;
    if (percent === null && samples !== null) percent = Number(pyInt((samples * 100.0) / maxNr));
    else if (samples === null && percent !== null) samples = Number(pyInt((percent * maxNr) / 100));
    nrAccesses = { samples, percent };
  }
  if (age) {
    let { usec, aggrIntervals } = age;
    if (usec === null && aggrIntervals !== null) usec = pyMul(aggrIntervals, intervals.aggrUs);
    else if (aggrIntervals === null && usec !== null) aggrIntervals = pyInt(pyDiv(usec, intervals.aggrUs));
    age = { usec, aggrIntervals };
  }
  return { ...r, nrAccesses, age };
}
