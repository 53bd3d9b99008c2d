// Per-region and per-snapshot values the heatmap derives from a record: samples and
// percent from each other (spec/reports.md §5.2), the snapshot's aggregation interval
// under intervals auto-tuning (§6.2.1), and temperature (§6.2).
import { type PyNum, pyDiv, pyInt, pyMul, pySub, toFloat } from '../../base/py-num.ts';
import { type Intervals, type Region, type Snapshot, intervalsGoalEnabled } from '../../model/record.ts';

/** Access samples of a region; derived from percent when only that is known. */
export function regionSamples(region: Region, intervals: Intervals | null): PyNum {
  const na = region.nrAccesses;
  if (!na) return 0n;
  if (na.samples !== null) return BigInt(Math.trunc(na.samples));
  if (na.percent === null || !intervals) return 0n;
  const maxNr = pyDiv(intervals.aggrUs, intervals.sampleUs);
  return pyInt((na.percent * maxNr) / 100);
}

/** Access rate in percent (truncated), as upstream's unit filling computes it. */
export function regionPercent(region: Region, intervals: Intervals | null): PyNum {
  const na = region.nrAccesses;
  if (!na) return 0n;
  if (na.percent !== null) return na.percent;
  if (!intervals) return na.samples === null ? 0n : BigInt(Math.trunc(na.samples));
  const maxNr = pyDiv(intervals.aggrUs, intervals.sampleUs);
  return pyInt(((na.samples ?? 0) * 100.0) / maxNr);
}

/** Age in aggregation intervals; derived from microseconds when only that is known. */
export function regionAgeAggrs(region: Region, intervals: Intervals | null): PyNum {
  const age = region.age;
  if (!age) return 0n;
  if (age.aggrIntervals !== null) return age.aggrIntervals;
  if (age.usec === null || !intervals) return 0n;
  return pyInt(pyDiv(age.usec, intervals.aggrUs));
}

/** Age in microseconds; derived from aggregation intervals when only that is known. */
export function regionAgeUsec(region: Region, intervals: Intervals | null): PyNum {
  const age = region.age;
  if (!age) return 0n;
  if (age.usec !== null) return age.usec;
  if (age.aggrIntervals === null || !intervals) return 0n;
  return pyMul(age.aggrIntervals, intervals.aggrUs);
}

/**
 * The aggregation interval (us) a snapshot was taken with. With intervals
 * auto-tuning it follows the snapshot's sampling interval, or its own length when
 * that is not recorded and differs from the record's by 10 % or more.
 */
export function snapshotAggrUs(snapshot: Snapshot, intervals: Intervals): PyNum {
  if (!intervalsGoalEnabled(intervals.goal)) return intervals.aggrUs;
  const ratio = pyDiv(intervals.aggrUs, intervals.sampleUs);
  if (snapshot.sampleIntervalUs !== null) return pyMul(snapshot.sampleIntervalUs, ratio);
  const snapAggr = pyDiv(pySub(snapshot.endTime, snapshot.startTime), 1000n);
  const aggr = toFloat(intervals.aggrUs);
  if (Math.abs(snapAggr - aggr) / aggr < 0.1) return intervals.aggrUs;
  return snapAggr;
}

/** Temperature with upstream's weights [size, frequency, age]; negative when idle. */
export function regionTemperature(
  region: Region,
  intervals: Intervals | null,
  weights: [number, number, number],
): number {
  const size = toFloat(region.end - region.start);
  const percent = toFloat(regionPercent(region, intervals));
  const score = size * weights[0] + percent * weights[1] + toFloat(regionAgeUsec(region, intervals)) * weights[2];
  return percent > 0 ? score : -score;
}
