// Writes records as `perf script` text of damon_aggregated events (spec/records.md
// §3.4.4): one line per region, each carrying its snapshot's end time.
import { pyFixed } from '../base/py-format.ts';
import { type PyNum, pyInt, pySub, toFloat } from '../base/py-num.ts';
import type { DamonRecord, Region, Snapshot } from '../model/record.ts';

/** samples, or (as upstream's add_unset_unit) int(percent * max / 100) when only percent is known. */
function samplesOf(r: Region, rec: DamonRecord): bigint {
  const na = r.nrAccesses;
  if (na === null) return 0n;
  if (na.samples !== null) return pyInt(na.samples);
  if (na.percent !== null && rec.intervals) {
    const maxNr = toFloat(rec.intervals.aggrUs) / toFloat(rec.intervals.sampleUs);
    return pyInt((na.percent * maxNr) / 100);
  }
  return 0n;
}

/** aggr_intervals, or int(usec / aggr_us) when only usec is known; null when unknown. */
function ageOf(r: Region, rec: DamonRecord): bigint | null {
  const age = r.age;
  if (age === null) return null;
  if (age.aggrIntervals !== null) return pyInt(age.aggrIntervals);
  if (age.usec !== null && rec.intervals) return pyInt(toFloat(age.usec) / toFloat(rec.intervals.aggrUs));
  return null;
}

function line(endTime: PyNum, targetId: bigint | null, nrRegions: number, start: bigint, end: bigint, samples: bigint, age: bigint | null): string {
  // An unknown age is left out (the pre-2021 kernel form, which damo reads) rather than
  // written as 'None' as upstream does, which no reader can parse.
  const ageText = age === null ? '' : ` ${age}`;
  const tid = targetId === null ? 'None' : targetId.toString();
  return `kdamond.x xxxx xxxx ${pyFixed(toFloat(endTime) / 1e9, 6)}: damon:damon_aggregated: target_id=${tid} nr_regions=${nrRegions} ${start}-${end}: ${samples}${ageText}\n`;
}

function snapshotLines(rec: DamonRecord, s: Snapshot): string {
  let out = '';
  for (const r of s.regions) out += line(s.endTime, rec.targetId, s.regions.length, r.start, r.end, samplesOf(r, rec), ageOf(r, rec));
  return out;
}

/** The text, one snapshot at a time. A one-snapshot record gets upstream's fake end snapshot
 * (one 0-0 region, -1 -1) so its length survives; the records are not changed. */
export function* perfScriptChunks(records: DamonRecord[]): Generator<string> {
  for (const rec of records) {
    for (const s of rec.snapshots) yield snapshotLines(rec, s);
    if (rec.snapshots.length === 1) {
      const [s] = rec.snapshots;
      const duration = pySub(s.endTime, s.startTime);
      const fakeEnd = typeof s.endTime === 'bigint' && typeof duration === 'bigint' ? s.endTime + duration : toFloat(s.endTime) + toFloat(duration);
      yield line(fakeEnd, rec.targetId, 1, 0n, 0n, -1n, -1n);
    }
  }
}
