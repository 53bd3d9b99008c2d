// Physical memory ranges for paddr targets without --regions (spec/control.md §2.2):
// the span of /proc/iomem's "System RAM" lines, and per-NUMA-node RAM from the memory
// blocks under /sys/devices/system/node. Non-root readers of /proc/iomem see zeros.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../base/user-error.ts';
import type { Region } from '../model/damon-params.ts';
import type { ParamsEnv } from '../model/damon-params-from-options.ts';

export function systemRamRanges(iomemText: string): Region[] {
  const out: Region[] = [];
  for (const line of iomemText.split('\n')) {
    const fields = line.split(':');
    if (fields.length !== 2) continue;
    if (!fields[1].trim().startsWith('System RAM')) continue;
    const [s, e] = fields[0].trim().split('-');
    if (s === undefined || e === undefined) continue;
    out.push({ start: BigInt(`0x${s}`), end: BigInt(`0x${e}`) + 1n });
  }
  return out;
}

export interface SystemRamPaths {
  iomem: string;
  nodeDir: string;
  memoryDir: string;
}

export const REAL_SYSTEM_RAM_PATHS: SystemRamPaths = {
  iomem: '/proc/iomem',
  nodeDir: '/sys/devices/system/node',
  memoryDir: '/sys/devices/system/memory',
};

function readIomem(path: string): Region[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UserError(`cannot read ${path} for the physical memory ranges (${(e as Error).message}); give --regions`);
  }
  const ranges = systemRamRanges(text);
  if (ranges.length === 0 || ranges.every((r) => r.start === 0n && r.end === 1n)) {
    throw new UserError(`${path} shows no System RAM addresses (reading them needs root); give --regions`);
  }
  return ranges;
}

function mergeRanges(ranges: Region[]): Region[] {
  const sorted = [...ranges].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const out: Region[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) {
      if (r.end > last.end) last.end = r.end;
    } else out.push({ ...r });
  }
  return out;
}

/** The span of System RAM, or null when it cannot be known (unreadable, or zeros for non-root). */
export function systemRamSpan(iomemPath: string): Region | null {
  try {
    const ranges = readIomem(iomemPath);
    return { start: ranges[0].start, end: ranges[ranges.length - 1].end };
  } catch {
    return null;
  }
}

export function systemRamEnv(paths: SystemRamPaths = REAL_SYSTEM_RAM_PATHS): ParamsEnv {
  return {
    defaultPaddrRegion() {
      const ranges = readIomem(paths.iomem);
      return { start: ranges[0].start, end: ranges[ranges.length - 1].end };
    },
    numaNodeRegions(nodeIds) {
      const ram = readIomem(paths.iomem);
      let blockSize: bigint;
      try {
        blockSize = BigInt(`0x${readFileSync(join(paths.memoryDir, 'block_size_bytes'), 'utf8').trim()}`);
      } catch (e) {
        throw new UserError(`cannot read the memory block size (${(e as Error).message})`);
      }
      const blocks: Region[] = [];
      for (const nid of nodeIds) {
        let names: string[];
        try {
          names = readdirSync(join(paths.nodeDir, `node${nid}`));
        } catch {
          throw new UserError(`NUMA node ${nid} does not exist`);
        }
        for (const n of names) {
          const m = /^memory(\d+)$/.exec(n);
          if (m) blocks.push({ start: BigInt(m[1]) * blockSize, end: (BigInt(m[1]) + 1n) * blockSize });
        }
      }
      const out: Region[] = [];
      for (const b of mergeRanges(blocks)) {
        for (const r of ram) {
          const start = b.start > r.start ? b.start : r.start;
          const end = b.end < r.end ? b.end : r.end;
          if (start < end) out.push({ start, end });
        }
      }
      const merged = mergeRanges(out);
      if (merged.length === 0) throw new UserError(`NUMA node(s) ${nodeIds.join(' ')} have no System RAM`);
      return merged;
    },
  };
}
