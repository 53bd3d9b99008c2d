// `report pa_layout`: the physical address map as /proc/iomem's top-level resources,
// each cut where the memory blocks of /sys/devices/system/memory change NUMA node or
// state (spec/reports.md §17). Pure: callers read the files and pass their text.
import { formatNr, formatSz } from '../base/units.ts';
import { UserError } from '../base/user-error.ts';

export interface IomemResource {
  start: bigint;
  /** Exclusive. */
  end: bigint;
  name: string;
}

export interface MemoryBlock {
  /** The N of memoryN: the block covers [N * blockSize, (N + 1) * blockSize). */
  index: bigint;
  nid: number;
  state: string;
}

export interface PaRange extends IomemResource {
  nid: number;
  state: string;
}

/** The top-level (unindented) resources of /proc/iomem text. */
export function iomemResources(text: string): IomemResource[] {
  const out: IomemResource[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || /^\s/.test(line)) continue;
    const m = /^([0-9a-fA-F]+)-([0-9a-fA-F]+) : (.*)$/.exec(line);
    if (!m) continue;
    out.push({ start: BigInt(`0x${m[1]}`), end: BigInt(`0x${m[2]}`) + 1n, name: m[3] });
  }
  return out;
}

/** Runs of adjacent memory blocks of one node and state, as [start, end) ranges. */
function blockRuns(blocks: readonly MemoryBlock[], blockSize: bigint): { start: bigint; end: bigint; nid: number; state: string }[] {
  const sorted = [...blocks].sort((a, b) => (a.index < b.index ? -1 : a.index > b.index ? 1 : 0));
  const runs: { start: bigint; end: bigint; nid: number; state: string }[] = [];
  for (const b of sorted) {
    const start = b.index * blockSize;
    const last = runs[runs.length - 1];
    if (last && last.end === start && last.nid === b.nid && last.state === b.state) last.end = start + blockSize;
    else runs.push({ start, end: start + blockSize, nid: b.nid, state: b.state });
  }
  return runs;
}

/**
 * Every resource piece that lies in a memory block, labelled with the block's node and
 * state. Pieces outside any block (device windows, holes) have no node and are left out.
 */
export function paLayout(resources: readonly IomemResource[], blocks: readonly MemoryBlock[], blockSize: bigint): PaRange[] {
  if (blockSize <= 0n) throw new UserError('the memory block size must be positive');
  const runs = blockRuns(blocks, blockSize);
  const out: PaRange[] = [];
  for (const r of resources) {
    for (const run of runs) {
      const start = r.start > run.start ? r.start : run.start;
      const end = r.end < run.end ? r.end : run.end;
      if (start < end) out.push({ start, end, name: r.name, nid: run.nid, state: run.state });
    }
  }
  return out;
}

export interface PaLayoutFormat {
  raw: boolean;
  /** Show only ranges of this node (null: all). */
  nid: number | null;
  /** The span of System RAM (the default paddr target), null when unknown. */
  defaultRange: { start: bigint; end: bigint } | null;
}

export function formatRangeWithSize(start: bigint, end: bigint, raw: boolean): string {
  return `[${formatSz(start, raw)}, ${formatSz(end, raw)}) (size ${formatSz(end - start, raw)})`;
}

/** The table, then the default paddr monitoring range; ends with a newline. */
export function formatPaLayout(ranges: readonly PaRange[], fmt: PaLayoutFormat): string {
  const lines = [`#${'start'.padStart(14)} ${'end'.padStart(14)}\tnode\tstate\tresource\tsize`];
  for (const r of ranges) {
    if (fmt.nid !== null && r.nid !== fmt.nid) continue;
    lines.push(
      [
        `${formatSz(r.start, fmt.raw).padStart(15)} ${formatSz(r.end, fmt.raw).padStart(15)}`,
        formatNr(BigInt(r.nid), fmt.raw),
        r.state,
        r.name,
        formatSz(r.end - r.start, fmt.raw),
      ].join('\t'),
    );
  }
  if (fmt.defaultRange) {
    lines.push(`Default paddr monitoring range: ${formatRangeWithSize(fmt.defaultRange.start, fmt.defaultRange.end, fmt.raw)}`);
  }
  return `${lines.join('\n')}\n`;
}
