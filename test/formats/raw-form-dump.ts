// A test-only dump of the record model in the layout of `report access --raw_form`
// (spec/records.md §3.8), so the readers can be checked against upstream's expected
// outputs before (and independently of) the report command.
import { pySub } from '../../src/base/py-num.ts';
import { formatSz, formatTimeNs } from '../../src/base/units.ts';
import type { DamonRecord } from '../../src/model/record.ts';

function hex12(v: bigint): string {
  return v.toString(16).padStart(12, '0');
}

export function rawFormDump(records: DamonRecord[]): string {
  const out: string[] = [];
  for (const r of records) {
    if (r.snapshots.length === 0) continue;
    const base = r.snapshots[0].startTime;
    out.push(`base_time_absolute: ${formatTimeNs(base)}`, `data source: ${r.dataSource}`, '');
    for (const s of r.snapshots) {
      out.push(`monitoring_start:    ${formatTimeNs(pySub(s.startTime, base)).padStart(16)}`);
      out.push(`monitoring_end:      ${formatTimeNs(pySub(s.endTime, base)).padStart(16)}`);
      out.push(`monitoring_duration: ${formatTimeNs(pySub(s.endTime, s.startTime)).padStart(16)}`);
      out.push(`target_id: ${r.targetId === null ? 'None' : r.targetId}`);
      out.push(`nr_regions: ${s.regions.length}`);
      out.push('# start_addr     end_addr        length  nr_accesses   age');
      for (const g of s.regions) {
        const samples = String(g.nrAccesses?.samples ?? 0).padStart(11);
        const age = String(g.age?.aggrIntervals ?? -1).padStart(5);
        out.push(`${hex12(g.start)}-${hex12(g.end)} (${formatSz(g.end - g.start).padStart(12)}) ${samples} ${age}`);
      }
      out.push('');
    }
  }
  out.push('');
  return out.join('\n') + '\n';
}
