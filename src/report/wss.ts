// `report wss`: the working set size of every (aggregated) snapshot, as a
// percentile distribution per target or for all targets summed (spec/reports.md §9).
import type { DamonRecord, Intervals, Snapshot } from '../model/record.ts';
import { type SizeDistributionFormat, formatSizeDistribution } from './size-distribution.ts';
import { TimeWindowGrouper, aggregateSnapshots, regionSamples } from './wss-aggregate.ts';

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

function wssOf(snapshot: Snapshot, intervals: Intervals | null, opts: WssOptions): bigint {
  let wss = 0n;
  for (const r of snapshot.regions) {
    const size = r.end - r.start;
    if (regionSamples(r, intervals) < opts.accThres || size < opts.szThres) continue;
    wss += size;
  }
  return wss;
}

function bySize(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Working set sizes computed while snapshots stream by: only the current time
 * window's snapshots and one number per window are held.
 */
export class WssCollector {
  private readonly dists: WssDistribution[] = [];
  private values: bigint[] = [];
  private seen = 0;
  private grouper: TimeWindowGrouper | null = null;

  constructor(private readonly opts: WssOptions) {}

  startRecord(record: DamonRecord): void {
    this.values = [];
    this.seen = 0;
    this.grouper = new TimeWindowGrouper(this.opts.workTimeUs, (group) => {
      this.values.push(wssOf(aggregateSnapshots(group, record.intervals), record.intervals, this.opts));
    });
  }

  addSnapshot(snapshot: Snapshot): void {
    if (this.seen++ < this.opts.excludeSamples) return;
    this.grouper!.add(snapshot);
  }

  /** The record's fields are complete now (a streamed file may give ids after snapshots). */
  endRecord(record: DamonRecord): void {
    if (this.opts.sortBy === 'size') this.values.sort(bySize);
    this.dists.push({ label: record.targetId === null ? 'None' : record.targetId.toString(), values: this.values });
    this.grouper = null;
  }

  /**
   * One distribution per record, or one for all when collapsing. Unlike upstream,
   * records sharing a target id (or having none) are not folded onto each other.
   */
  distributions(): WssDistribution[] {
    if (!this.opts.collapseTargets) return this.dists;
    const sum: bigint[] = [];
    for (const d of this.dists) d.values.forEach((v, i) => (sum[i] = (sum[i] ?? 0n) + v));
    return [{ label: '0', values: sum }];
  }
}

/** Working set sizes of one record's snapshots, after the work-time aggregation. */
export function recordWss(record: DamonRecord, opts: WssOptions): bigint[] {
  return wssDistributions([record], { ...opts, collapseTargets: false })[0].values;
}

/** wssDistributions of records in memory (see WssCollector). */
export function wssDistributions(records: readonly DamonRecord[], opts: WssOptions): WssDistribution[] {
  const c = new WssCollector(opts);
  for (const r of records) {
    c.startRecord(r);
    for (const s of r.snapshots) c.addSnapshot(s);
    c.endRecord(r);
  }
  return c.distributions();
}

export type WssFormat = SizeDistributionFormat;

/** The report text, ending with a newline. */
export function formatWss(dists: readonly WssDistribution[], fmt: WssFormat): string {
  let out = '';
  for (const d of dists) {
    out += `# target_id\t${d.label}\n${formatSizeDistribution(d.values, 'wss', fmt)}`;
  }
  return out;
}
