// `damo report access --raw_form`: a plain dump of records, snapshots and regions,
// usable on records without intervals (spec/records.md §3.8, spec/reports.md §6.10).
import { pyD } from '../../base/py-format.ts';
import { pySub } from '../../base/py-num.ts';
import { formatSz, formatTimeNs } from '../../base/units.ts';
import type { DamonRecord } from '../../model/record.ts';

function hex12(v: bigint): string {
  const neg = v < 0n;
  const digits = (neg ? -v : v).toString(16).padStart(12, '0');
  return neg ? `-${digits}` : digits;
}

/** The dump text; it ends with an empty line, as upstream's does. */
export function rawFormText(records: DamonRecord[], raw: boolean): string {
  const lines: string[] = [];
  for (const record of records) {
    if (record.snapshots.length === 0) continue;
    const base = record.snapshots[0].startTime;
    lines.push(`base_time_absolute: ${formatTimeNs(base, raw)}`, `data source: ${record.dataSource}`, '');
    for (const s of record.snapshots) {
      lines.push(
        `monitoring_start:    ${formatTimeNs(pySub(s.startTime, base), raw).padStart(16)}`,
        `monitoring_end:      ${formatTimeNs(pySub(s.endTime, base), raw).padStart(16)}`,
        `monitoring_duration: ${formatTimeNs(pySub(s.endTime, s.startTime), raw).padStart(16)}`,
        `target_id: ${record.targetId === null ? 'None' : record.targetId}`,
        `nr_regions: ${s.regions.length}`,
        '# start_addr     end_addr        length  nr_accesses   age',
      );
      for (const r of s.regions) {
        const samples = r.nrAccesses?.samples ?? 0;
        const age = r.age?.aggrIntervals ?? null;
        lines.push(
          `${hex12(r.start)}-${hex12(r.end)} (${formatSz(r.end - r.start, raw).padStart(12)}) ` +
            `${pyD(samples).padStart(11)} ${(age === null ? '-1' : pyD(age)).padStart(5)}`,
        );
      }
      lines.push('');
    }
  }
  lines.push('');
  return lines.join('\n');
}
