// `report nr_regions`: how many regions each snapshot had, as percentiles per record
// (spec/reports.md §10). Upstream always skips the first 20 snapshots.
import { pyD } from '../base/py-format.ts';
import type { DamonRecord } from '../model/record.ts';
import { average, valueAtPercentile } from './distribution.ts';

export const NR_REGIONS_SKIPPED_SNAPSHOTS = 20;

export function nrRegionsOf(record: DamonRecord, sortBy: 'size' | 'time'): number[] {
  const values = record.snapshots.slice(NR_REGIONS_SKIPPED_SNAPSHOTS).map((s) => s.regions.length);
  if (sortBy === 'size') values.sort((a, b) => a - b);
  return values;
}

/** The report text, ending with a newline. */
export function formatNrRegions(records: readonly DamonRecord[], percentiles: number[], sortBy: 'size' | 'time'): string {
  const lines = ['# <percentile> <# regions>'];
  for (const record of records) {
    lines.push(`# target_id\t${record.targetId === null ? 'None' : record.targetId.toString()}`);
    const values = nrRegionsOf(record, sortBy);
    // Upstream divides by zero here; saying so is more useful.
    if (values.length === 0) {
      lines.push('# no snapshot');
      continue;
    }
    lines.push(`# avr:\t${pyD(average(values.map(BigInt)))}`);
    for (const p of percentiles) lines.push(`${pyD(p)}\t${valueAtPercentile(values, p)}`);
  }
  return `${lines.join('\n')}\n`;
}
