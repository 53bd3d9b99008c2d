// Text of a guide (spec/reports.md §7.2), for `report heatmap --guide`/`--guide_human`
// and `report record_info`: ids that are set, the time span, then one line per
// contiguous address range. `raw` prints plain numbers.
import { pySub } from '../../base/py-num.ts';
import { formatSz, formatSzAccurate, formatTimeNs } from '../../base/units.ts';
import { type GuideEntry, contiguousRegions, hasRegions } from './guide.ts';

/** The guide's lines, each ending with a newline. */
export function formatGuide(guide: GuideEntry, raw: boolean): string {
  const lines: string[] = [];
  if (guide.kdamondIdx !== null) lines.push(`kdamond_idx: ${guide.kdamondIdx}`);
  if (guide.contextIdx !== null) lines.push(`context_idx: ${guide.contextIdx}`);
  if (guide.schemeIdx !== null) lines.push(`scheme_idx: ${guide.schemeIdx}`);
  if (guide.targetId !== null) lines.push(`target_id: ${guide.targetId}`);
  if (guide.startTime === null || guide.endTime === null) {
    // records of this id hold no snapshot (upstream crashes on them)
    lines.push('# no snapshot');
    return lines.join('\n') + '\n';
  }
  const span = pySub(guide.endTime, guide.startTime);
  lines.push(
    `time: [${formatTimeNs(guide.startTime, raw)}, ${formatTimeNs(guide.endTime, raw)}) (${formatTimeNs(span, raw)})`,
  );
  const ranges = hasRegions(guide) ? contiguousRegions(guide) : [];
  ranges.forEach(([start, end], i) => {
    const idx = String(i).padStart(2, ' ');
    lines.push(
      `region\t${idx}: [${formatSzAccurate(start, raw)}, ${formatSzAccurate(end, raw)}) (${formatSz(end - start, raw)})`,
    );
  });
  return lines.join('\n') + '\n';
}
