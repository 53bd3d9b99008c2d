// A simulated x86-64 process address space: program, heap, a top-down mmap area holding
// the shared libraries and the workload's big allocations, and the stack, so the two
// biggest gaps are heap-to-mmap and mmap-to-stack as on a real process (spec §5.1, §13.4).
import type { MasimRegion } from './masim-config.ts';

export interface SimVma {
  start: number;
  end: number;
  name: string;
  anon: boolean;
}

export interface PlacedRegion {
  name: string;
  /** The mapping masim's malloc() got (size + 16 bytes of header, page aligned). */
  mapStart: number;
  mapEnd: number;
  /** The pointer malloc() returned: offsets of access patterns start here. */
  base: number;
  size: number;
}

export interface ProcessLayout {
  vmas: SimVma[];
  regions: PlacedRegion[];
}

const PAGE = 4096;
const alignUp = (x: number): number => Math.ceil(x / PAGE) * PAGE;

const EXE = 0x555555554000;
const MMAP_TOP = 0x7ffff7fff000;
const STACK_END = 0x7ffffffff000;
/** Allocations below glibc's mmap threshold come from the heap. */
const MMAP_THRESHOLD = 128 * 1024;

export function layoutProcess(regions: MasimRegion[]): ProcessLayout {
  const vmas: SimVma[] = [
    { start: EXE, end: EXE + 0x1000, name: '/usr/bin/masim', anon: false },
    { start: EXE + 0x1000, end: EXE + 0x5000, name: '/usr/bin/masim', anon: false },
    { start: EXE + 0x5000, end: EXE + 0x7000, name: '/usr/bin/masim', anon: false },
  ];
  const heapStart = EXE + 0x8000;
  let heapCursor = heapStart;
  let mmapLow = MMAP_TOP - 0x235000;
  const libs: SimVma[] = [
    { start: MMAP_TOP - 0x2000, end: MMAP_TOP, name: '/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2', anon: false },
    { start: MMAP_TOP - 0x2b000, end: MMAP_TOP - 0x2000, name: '/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2', anon: false },
    { start: MMAP_TOP - 0x2f000, end: MMAP_TOP - 0x2b000, name: '[vdso]', anon: false },
    { start: MMAP_TOP - 0x33000, end: MMAP_TOP - 0x2f000, name: '[vvar]', anon: false },
    { start: mmapLow, end: MMAP_TOP - 0x33000, name: '/usr/lib/x86_64-linux-gnu/libc.so.6', anon: false },
  ];
  const placed: PlacedRegion[] = [];
  for (const r of regions) {
    if (r.size < MMAP_THRESHOLD) {
      const base = heapCursor + 16;
      heapCursor = base + Math.ceil(r.size / 16) * 16;
      placed.push({ name: r.name, mapStart: base - 16, mapEnd: heapCursor, base, size: r.size });
      continue;
    }
    const len = alignUp(r.size + 16);
    const mapStart = mmapLow - len;
    placed.push({ name: r.name, mapStart, mapEnd: mmapLow, base: mapStart + 16, size: r.size });
    vmas.push({ start: mapStart, end: mmapLow, name: '', anon: true });
    mmapLow = mapStart;
  }
  // glibc's heap keeps a top pad beyond what was handed out.
  const heapEnd = alignUp(heapCursor) + 0x21000;
  vmas.push({ start: heapStart, end: heapEnd, name: '[heap]', anon: true });
  vmas.push(...libs);
  vmas.push({ start: STACK_END - 0x21000, end: STACK_END, name: '[stack]', anon: true });
  vmas.sort((a, b) => a.start - b.start);
  if (mmapLow <= heapEnd) throw new RangeError('simulated allocations do not fit the address space');
  return { vmas, regions: placed };
}
