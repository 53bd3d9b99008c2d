// Text of the record-area keywords (spec/reports.md §6.3, "Record keywords").
import { type PyNum, pySub, toFloat } from '../../base/py-num.ts';
import { formatBp, formatNr, formatTimeNs, formatTimeUs } from '../../base/units.ts';
import type { DamonRecord } from '../../model/record.ts';
import type { Templates } from './access-options.ts';

function pyS(x: number | bigint | null): string {
  return x === null ? 'None' : `${x}`;
}

export function recordKeywordText(
  keyword: string,
  record: DamonRecord,
  templates: Templates,
  raw: boolean,
): string {
  const snaps = record.snapshots;
  const iv = record.intervals;
  const needSnapshots = (f: () => string) => (snaps.length === 0 ? 'n/a (no snapshot)' : f());
  const needIntervals = (f: (sample: PyNum, aggr: PyNum) => string) =>
    iv === null ? 'n/a (no intervals)' : f(iv.sampleUs, iv.aggrUs);
  switch (keyword) {
    case '<kdamond index>':
      return pyS(record.kdamondIdx);
    case '<context index>':
      return pyS(record.contextIdx);
    case '<scheme index>':
      return pyS(record.schemeIdx);
    case '<target id>':
      return pyS(record.targetId);
    case '<abs start time>':
      return needSnapshots(() => formatTimeNs(snaps[0].startTime, raw));
    case '<duration>':
      return needSnapshots(() => formatTimeNs(pySub(snaps[snaps.length - 1].endTime, snaps[0].startTime), raw));
    case '<intervals>':
      return needIntervals((s, a) => `sample ${formatTimeUs(s, raw)}, aggr ${formatTimeUs(a, raw)}`);
    case '<intervals goal>':
      return needIntervals(() => {
        const g = iv!.goal;
        return (
          `target ${formatBp(toFloat(g.accessBp), raw)} accesses per ${formatNr(g.aggrs, raw)} aggrs, ` +
          `[${formatTimeUs(g.minSampleUs, raw)}, ${formatTimeUs(g.maxSampleUs, raw)}] sampling interval`
        );
      });
    case '<data source>':
      return record.dataSource;
    case '<format strings>':
      return [
        `record head: "${templates.record_head}"`,
        `snapshot head: "${templates.snapshot_head}"`,
        `region: "${templates.region}"`,
        `snapshot tail: "${templates.snapshot_tail}"`,
        `record tail: "${templates.record_tail}"`,
      ].join('\n');
    default:
      return keyword;
  }
}
