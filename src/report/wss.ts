// `report wss`: the working set size of every (aggregated) snapshot, as a
// percentile distribution per target or for all targets summed (spec/reports.md §9).
import { formatSz } from '../base/units.ts';
import type { DamonRecord } from '../model/record.ts';
import { formatDistribution } from './distribution.ts';
import { aggregateSnapshotsByTime, regionSamples } from './wss-aggregate.ts';

export interface WssOptions {
  /** Minimum sampled accesses for a region to count as working. */
  accThres: number;
  /** Minimum region size, bytes. */
  szThres: bigint;
  /** Snapshots are merged into windows of this length first (1 us: unchanged). */
  workTimeUs: bigint;
  /** Snapshots skipped at the start of every record. */
  excludeSamples: number;
  sortBy: 'size' | 'time';
  /** Sum the targets' distributions element-wise into one, labelled target 0. */
  collapseTargets: boolean;
}

export interface WssDistribution {
  /** '%s' of the target id as upstream prints it ('0' when collapsed, 'None' when absent). */
  label: string;
  values: bigint[];
}

/** Working set sizes of one record's snapshots, after the work-time aggregation. */
export function recordWss(record: DamonRecord, opts: WssOptions): bigint[] {
  const snapshots = aggregateSnapshotsByTime(record.snapshots.slice(opts.excludeSamples), opts.workTimeUs, record.intervals);
  const values = snapshots.map((s) => {
    let wss = 0n;
    for (const r of s.regions) {
      const size = r.end - r.start;
      if (regionSamples(r, record.intervals) < opts.accThres || size < opts.szThres) continue;
      wss += size;
    }
    return wss;
  });
  if (opts.sortBy === 'size') values.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return values;
}

/**
 * One distribution per record, or one for all when collapsing. Unlike upstream,
 * records sharing a target id (or having none) are not folded onto each other.
 */
export function wssDistributions(records: readonly DamonRecord[], opts: WssOptions): WssDistribution[] {
  const dists = records.map((r) => ({
    label: r.targetId === null ? 'None' : r.targetId.toString(),
    values: recordWss(r, opts),
  }));
  if (!opts.collapseTargets) return dists;
  const sum: bigint[] = [];
  for (const d of dists) d.values.forEach((v, i) => (sum[i] = (sum[i] ?? 0n) + v));
  return [{ label: '0', values: sum }];
}

export interface WssFormat {
  percentiles: number[];
  raw: boolean;
  nrColsBar: number;
  printAll: boolean;
}

/** The report text, ending with a newline. */
export function formatWss(dists: readonly WssDistribution[], fmt: WssFormat): string {
  let out = '';
  for (const d of dists) {
    out += `# target_id\t${d.label}\n`;
    out += `${formatDistribution(d.values, {
      metric: 'wss',
      percentiles: fmt.percentiles,
      printAll: fmt.printAll,
      format: (v) => formatSz(v, fmt.raw),
      nrColsBar: fmt.nrColsBar,
    })}\n`;
  }
  return out;
}
