// `--sort_temperature`: within an address range, each snapshot's regions are clipped
// to the range, ordered coldest first and laid side by side from the range start, so
// the address axis shows how much memory is at each temperature (spec/reports.md §7.4).
import type { DamonRecord, Region, Snapshot } from '../../model/record.ts';
import { regionTemperature } from './region-values.ts';

/** A copy of the snapshot with its in-range regions re-laid by temperature. */
export function sortSnapshotByTemperature(
  record: DamonRecord,
  snapshot: Snapshot,
  range: [bigint, bigint],
  weights: { frequency: number; age: number },
): Snapshot {
  const [start, end] = range;
  const inRange: { region: Region; temp: number }[] = [];
  const others: Region[] = [];
  for (const r of snapshot.regions) {
    if (r.end < start || end < r.start) {
      others.push(r);
      continue;
    }
    const clipped = { ...r, start: r.start > start ? r.start : start, end: r.end < end ? r.end : end };
    inRange.push({ region: clipped, temp: regionTemperature(clipped, record.intervals, [0, weights.frequency, weights.age]) });
  }
  inRange.sort((a, b) => a.temp - b.temp);
  let cursor = start;
  const laid = inRange.map(({ region }) => {
    const size = region.end - region.start;
    const moved = { ...region, start: cursor, end: cursor + size };
    cursor += size;
    return moved;
  });
  return { ...snapshot, regions: [...others, ...laid] };
}
