// `report access --raw_form` over record files in one pass, one snapshot at a time:
// memory stays bounded whatever the record's size (spec/reports.md §6.10). Each
// record's body waits in a SpillBuffer until its head (data source) is known.
import { streamRecordFile } from '../formats/read-records.ts';
import { RawFormWriter } from '../report/access/raw-form.ts';
import { type RecordFilterOptions, SnapshotFilter } from '../report/record-filters.ts';
import { SpillBuffer } from './spill-buffer.ts';

/** Writes the dump of `files` to `out`; returns how many records they held. */
export async function streamRawForm(
  files: string[],
  filters: RecordFilterOptions,
  raw: boolean,
  out: (text: string) => void,
  held = new SpillBuffer(),
): Promise<number> {
  const writer = new RawFormWriter(raw, {
    body: (t) => held.write(t),
    flush: (head) => {
      out(head);
      held.drainTo(out);
    },
  });
  let nrRecords = 0;
  let filter: SnapshotFilter | null = null;
  try {
    for (const file of files) {
      await streamRecordFile(file, {
        onRecordStart: (r) => {
          writer.startRecord();
          filter = new SnapshotFilter(r.intervals, filters);
        },
        onSnapshot: (r, s) => {
          const kept = filter!.filter(s);
          if (kept) writer.addSnapshot(r, kept);
        },
        onRecordEnd: (r) => {
          nrRecords++;
          writer.endRecord(r);
        },
      });
    }
  } finally {
    held.dispose();
  }
  return nrRecords;
}
