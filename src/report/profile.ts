// `report profile`: which time ranges of a CPU profile to look at, from the record's
// snapshots that match the record filters (spec/reports.md §12, records.md §4.7).
import { pyFloatRepr } from '../base/py-format.ts';
import { type PyNum, toFloat } from '../base/py-num.ts';

/**
 * perf report's time filter for the spans: 'start,end' in seconds (Python's float
 * repr of ns/1e9, as upstream prints them), ranges separated by spaces so perf sees
 * every one (upstream repeats --time, and perf keeps only the last).
 */
export function perfTimeFilter(spans: readonly [PyNum, PyNum][]): string {
  return spans.map(([s, e]) => `${pyFloatRepr(toFloat(s) / 1e9)},${pyFloatRepr(toFloat(e) / 1e9)}`).join(' ');
}

/** `perf report` arguments for the profile restricted to the spans. */
export function perfReportArgs(profilePath: string, spans: readonly [PyNum, PyNum][], stdio: boolean): string[] {
  return ['report', '-i', profilePath, '--time', perfTimeFilter(spans), ...(stdio ? ['--stdio'] : [])];
}
