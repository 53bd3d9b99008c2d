// `report nr_regions`: how many regions each snapshot had, as percentiles per record
// (spec/reports.md §10). Upstream always skips the first 20 snapshots. Counts are
// collected while snapshots stream by, so only one number per snapshot is held.
import { pyD } from '../base/py-format.ts';
import type { DamonRecord, Snapshot } from '../model/record.ts';
import { average, valueAtPercentile } from './distribution.ts';

export const NR_REGIONS_SKIPPED_SNAPSHOTS = 20;

export interface NrRegionsOfRecord {
  targetId: bigint | null;
  values: number[];
}

export class NrRegionsCollector {
  readonly records: NrRegionsOfRecord[] = [];
  private values: number[] = [];
  private seen = 0;

  constructor(private readonly sortBy: 'size' | 'time') {}

  startRecord(): void {
    this.values = [];
    this.seen = 0;
  }

  addSnapshot(snapshot: Snapshot): void {
    if (this.seen++ >= NR_REGIONS_SKIPPED_SNAPSHOTS) this.values.push(snapshot.regions.length);
  }

  /** The record's ids are complete now (a streamed file may give them after snapshots). */
  endRecord(record: DamonRecord): void {
    if (this.sortBy === 'size') this.values.sort((a, b) => a - b);
    this.records.push({ targetId: record.targetId, values: this.values });
  }
}

export function nrRegionsOf(record: DamonRecord, sortBy: 'size' | 'time'): number[] {
  const c = new NrRegionsCollector(sortBy);
  c.startRecord();
  for (const s of record.snapshots) c.addSnapshot(s);
  c.endRecord(record);
  return c.records[0].values;
}

/** The report text of collected counts, ending with a newline. */
export function formatNrRegionsOf(records: readonly NrRegionsOfRecord[], percentiles: number[]): string {
  const lines = ['# <percentile> <# regions>'];
  for (const { targetId, values } of records) {
    lines.push(`# target_id\t${targetId === null ? 'None' : targetId.toString()}`);
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

/** The report text of records in memory, ending with a newline. */
export function formatNrRegions(records: readonly DamonRecord[], percentiles: number[], sortBy: 'size' | 'time'): string {
  return formatNrRegionsOf(
    records.map((r) => ({ targetId: r.targetId, values: nrRegionsOf(r, sortBy) })),
    percentiles,
  );
}
