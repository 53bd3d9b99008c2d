// Where the heatmap's snapshots come from: records in memory, or a reader that
// streams files (possibly several passes, each in file order), so big records
// need not be held whole.
import type { DamonRecord, Snapshot } from '../../model/record.ts';

export interface RecordVisitor {
  /** A record begins (ids and intervals are known; its snapshots follow). */
  record?(record: DamonRecord): void;
  snapshot(record: DamonRecord, snapshot: Snapshot): void;
}

export interface RecordSource {
  /** Visits every record and snapshot in file order; can be called again for another pass. */
  visit(visitor: RecordVisitor): Promise<void> | void;
}

export function recordsSource(records: DamonRecord[]): RecordSource {
  return {
    visit(visitor) {
      for (const record of records) {
        visitor.record?.(record);
        for (const snapshot of record.snapshots) visitor.snapshot(record, snapshot);
      }
    },
  };
}
