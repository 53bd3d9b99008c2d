// `damo report access --raw_form`: a plain dump of records, snapshots and regions,
// usable on records without intervals (spec/records.md §3.8, spec/reports.md §6.10).
// Written one snapshot at a time: a record's head (its data source comes after its
// snapshots in record files) is written when the record ends, before its body.
import { pyD } from '../../base/py-format.ts';
import { type PyNum, pySub } from '../../base/py-num.ts';
import { formatSz, formatTimeNs } from '../../base/units.ts';
import type { DamonRecord, Snapshot } from '../../model/record.ts';

function hex12(v: bigint): string {
  const neg = v < 0n;
  const digits = (neg ? -v : v).toString(16).padStart(12, '0');
  return neg ? `-${digits}` : digits;
}

export interface RawFormSinks {
  /** Text of the current record's snapshots, held until the record ends. */
  body(text: string): void;
  /** The record ended: write `head`, then the held body. */
  flush(head: string): void;
}

export class RawFormWriter {
  private base: PyNum | null = null;

  constructor(
    private readonly raw: boolean,
    private readonly sinks: RawFormSinks,
  ) {}

  startRecord(): void {
    this.base = null;
  }

  addSnapshot(record: DamonRecord, s: Snapshot): void {
    const raw = this.raw;
    if (this.base === null) this.base = s.startTime;
    const base = this.base;
    const lines = [
      `monitoring_start:    ${formatTimeNs(pySub(s.startTime, base), raw).padStart(16)}`,
      `monitoring_end:      ${formatTimeNs(pySub(s.endTime, base), raw).padStart(16)}`,
      `monitoring_duration: ${formatTimeNs(pySub(s.endTime, s.startTime), raw).padStart(16)}`,
      `target_id: ${record.targetId === null ? 'None' : record.targetId}`,
      `nr_regions: ${s.regions.length}`,
      '# start_addr     end_addr        length  nr_accesses   age',
    ];
    for (const r of s.regions) {
      const samples = r.nrAccesses?.samples ?? 0;
      const age = r.age?.aggrIntervals ?? null;
      lines.push(
        `${hex12(r.start)}-${hex12(r.end)} (${formatSz(r.end - r.start, raw).padStart(12)}) ` +
          `${pyD(samples).padStart(11)} ${(age === null ? '-1' : pyD(age)).padStart(5)}`,
      );
    }
    lines.push('', '');
    this.sinks.body(lines.join('\n'));
  }

  /** A record without snapshots (after filtering) shows nothing, not even its head. */
  endRecord(record: DamonRecord): void {
    if (this.base === null) return;
    this.sinks.flush(`base_time_absolute: ${formatTimeNs(this.base, this.raw)}\ndata source: ${record.dataSource}\n\n`);
    this.base = null;
  }
}

/** The dump text of records in memory; it ends with an empty line, as upstream's does. */
export function rawFormText(records: DamonRecord[], raw: boolean): string {
  let out = '';
  let body = '';
  const w = new RawFormWriter(raw, {
    body: (t) => (body += t),
    flush: (head) => {
      out += head + body;
      body = '';
    },
  });
  for (const record of records) {
    w.startRecord();
    for (const s of record.snapshots) w.addSnapshot(record, s);
    w.endRecord(record);
  }
  return out;
}
