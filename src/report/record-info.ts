// `report record_info`: the guide of every kdamond/context/scheme/target of the
// records (spec/records.md §8, spec/reports.md §7.2), computed by the heatmap's
// GuideCollector so both commands agree. Snapshots can be fed as they stream.
import type { DamonRecord } from '../model/record.ts';
import { formatGuide } from './heatmap/format-guide.ts';
import { GuideCollector, type GuideEntry } from './heatmap/guide.ts';

/** Guides of all records (ids without snapshots too), the largest address space first. */
export function computeGuides(records: readonly DamonRecord[]): GuideEntry[] {
  const c = new GuideCollector();
  for (const rec of records) {
    c.addRecord(rec);
    for (const s of rec.snapshots) c.addSnapshot(rec, s);
  }
  return c.entries();
}

/** `report record_info` text of collected guides (empty when there is no record). */
export function formatGuideEntries(entries: readonly GuideEntry[], raw: boolean): string {
  return entries.map((g) => formatGuide(g, raw)).join('');
}

/** `report record_info` text, ending with a newline (empty when there is no record). */
export function formatRecordInfo(records: readonly DamonRecord[], raw: boolean): string {
  return formatGuideEntries(computeGuides(records), raw);
}
