// `report footprints`: memory footprints recorded beside a record (the
// `.mem_footprint` side file, spec/records.md §4.7) as percentile distributions
// (spec/reports.md §11).
import { UserError } from '../base/user-error.ts';
import { type SizeDistributionFormat, formatSizeDistribution } from './size-distribution.ts';

export type FootprintMetric = 'vsz' | 'rss' | 'sys_used';
export const FOOTPRINT_METRICS: readonly FootprintMetric[] = ['vsz', 'rss', 'sys_used'];

/** Upstream assumes 4 KiB pages for /proc/<pid>/statm values. */
const PAGE_SIZE = 4096n;

export interface FootprintSnapshot {
  /** Epoch seconds. */
  time: number;
  /** /proc/<pid>/statm fields of each process, in pages. */
  processes: Record<string, number | null>[];
  /** /proc/meminfo fields (total, free, available, buffers, cached), in KiB; null when absent. */
  system: Record<string, number | null> | null;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads a `.mem_footprint` file's text; `name` is used in error messages. */
export function parseMemFootprints(text: string, name: string): FootprintSnapshot[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new UserError(`${name} is not a memory footprint file (${(e as Error).message})`);
  }
  const bad = (what: string) => new UserError(`${name} is not a memory footprint file (${what})`);
  if (!Array.isArray(data)) throw bad('expected a list of snapshots');
  return data.map((snap, i) => {
    if (!isObject(snap) || !Array.isArray(snap.footprints)) throw bad(`snapshot ${i} has no 'footprints' list`);
    const out: FootprintSnapshot = { time: Number(snap.time), processes: [], system: null };
    for (const entry of snap.footprints) {
      if (!isObject(entry) || !isObject(entry.footprint)) throw bad(`snapshot ${i} has an entry without 'footprint'`);
      const fp = entry.footprint as Record<string, number | null>;
      if (entry.pid === null || entry.pid === undefined) out.system = fp;
      else out.processes.push(fp);
    }
    return out;
  });
}

function field(fp: Record<string, number | null> | null, key: string, what: string): bigint {
  const v = fp?.[key];
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    throw new UserError(`a memory footprint snapshot lacks ${what} '${key}', needed for this metric`);
  }
  return BigInt(v);
}

/** The metric's value for every snapshot, in bytes. */
export function footprintValues(snapshots: readonly FootprintSnapshot[], metric: FootprintMetric): bigint[] {
  return snapshots.map((s) => {
    if (metric === 'sys_used') {
      return (field(s.system, 'total', 'the system') - field(s.system, 'free', 'the system')) * 1024n;
    }
    const key = metric === 'vsz' ? 'size' : 'resident';
    let sum = 0n;
    for (const p of s.processes) sum += field(p, key, 'the process field') * PAGE_SIZE;
    return sum;
  });
}

export interface FootprintsFormat extends SizeDistributionFormat {
  sortBy: 'size' | 'time';
}

/** The metric's values in the order the percentiles are taken from. */
export function footprintDistribution(
  snapshots: readonly FootprintSnapshot[],
  metric: FootprintMetric,
  sortBy: 'size' | 'time',
): bigint[] {
  const values = footprintValues(snapshots, metric);
  if (sortBy === 'size') values.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return values;
}

/** The report of the given metrics one after another, ending with a newline. */
export function formatFootprints(
  snapshots: readonly FootprintSnapshot[],
  metrics: readonly FootprintMetric[],
  fmt: FootprintsFormat,
): string {
  return metrics.map((m) => formatSizeDistribution(footprintDistribution(snapshots, m, fmt.sortBy), m, fmt)).join('');
}
