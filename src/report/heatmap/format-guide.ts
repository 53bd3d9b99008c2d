// Text of a guide (spec/reports.md §7.2): ids that are set, the time span, then one
// line per contiguous address range. `raw` prints plain numbers (`--guide`).
import { pySub } from '../../base/py-num.ts';
import { formatSz, formatSzAccurate, formatTimeNs } from '../../base/units.ts';
import { type Guide, contiguousRegions } from './guide.ts';

export function formatGuide(guide: Guide, raw: boolean): string {
  const lines: string[] = [];
  if (guide.kdamondIdx !== null) lines.push(`kdamond_idx: ${guide.kdamondIdx}`);
  if (guide.contextIdx !== null) lines.push(`context_idx: ${guide.contextIdx}`);
  if (guide.schemeIdx !== null) lines.push(`scheme_idx: ${guide.schemeIdx}`);
  if (guide.targetId !== null) lines.push(`target_id: ${guide.targetId}`);
  const span = pySub(guide.endTime, guide.startTime);
  lines.push(
    `time: [${formatTimeNs(guide.startTime, raw)}, ${formatTimeNs(guide.endTime, raw)}) (${formatTimeNs(span, raw)})`,
  );
  contiguousRegions(guide).forEach(([start, end], i) => {
    const idx = String(i).padStart(2, ' ');
    lines.push(
      `region\t${idx}: [${formatSzAccurate(start, raw)}, ${formatSzAccurate(end, raw)}) (${formatSz(end - start, raw)})`,
    );
  });
  return lines.join('\n') + '\n';
}
