// `report times`: the time spans in which a record's (filtered) snapshots had
// regions, consecutive snapshots joined into one span (spec/reports.md §12).
import { pyFixed } from '../base/py-format.ts';
import { type PyNum, pyCompare, toFloat } from '../base/py-num.ts';
import type { DamonRecord } from '../model/record.ts';

/** [start, end] in ns of each run of back-to-back snapshots that kept a region. */
export function snapshotTimeSpans(records: readonly DamonRecord[]): [PyNum, PyNum][] {
  const spans: [PyNum, PyNum][] = [];
  for (const record of records) {
    for (const s of record.snapshots) {
      if (s.regions.length === 0) continue;
      const last = spans[spans.length - 1];
      if (last && pyCompare(last[1], s.startTime) === 0) last[1] = s.endTime;
      else spans.push([s.startTime, s.endTime]);
    }
  }
  return spans;
}

/** Upstream's text: `start-end` in seconds with 6 decimals, then `# (seconds)`, per span. */
export function formatTimeSpans(spans: readonly [PyNum, PyNum][]): string {
  return spans
    .map(([s, e]) => `${pyFixed(toFloat(s) / 1e9, 6)}-${pyFixed(toFloat(e) / 1e9, 6)}\n# (seconds)\n`)
    .join('');
}
