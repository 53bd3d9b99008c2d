// The `.mem_footprint`, `.vmas` and `.proc_stats` samples `damo record` takes beside a
// recording (spec/records.md §4.7 layouts), filled with what a simulated world knows: its
// VMAs, resident pages and system memory. Values the simulation has no notion of are 0.
import type { AccessSource } from './access-source.ts';
import { MasimWorkload } from './sim/masim-workload.ts';
import { RecordReplay } from './sim/record-replay.ts';

const PAGE = 4096;

type Json = null | boolean | bigint | number | string | Json[] | { [key: string]: Json };

export interface SideFileSamples {
  memFootprint: Json[];
  vmas: Json[];
  procStats: Json[];
}

interface ProcessFacts {
  vmas: { start: number; end: number; name: string; anon: boolean; exec: boolean }[];
  residentPages: number;
  sharedPages: number;
  sysTotalBytes: number;
  sysFreeBytes: number;
}

/** The simulated system's memory size, as the workloads' metrics assume. */
export const SIM_SYSTEM_MEM_BYTES = 16 * 2 ** 30;

function factsOf(world: AccessSource): ProcessFacts | null {
  if (!world.targetValid(0)) return null;
  if (world instanceof MasimWorkload) {
    const vmas = world.layout.vmas.map((v, i) => ({
      start: v.start,
      end: v.end,
      name: v.name,
      anon: v.anon,
      // The binary's second mapping is its text (address-space.ts places r--, r-x, rw-).
      exec: i === 1 || /\.so/.test(v.name),
    }));
    // Loaded file mappings count as resident and shared; anonymous memory only as touched.
    let filePages = 0;
    for (const v of vmas) if (!v.anon && !v.name.startsWith('[')) filePages += (v.end - v.start) / PAGE;
    const freeBp = world.metric('node_mem_free_bp', 0) ?? 10000;
    return {
      vmas,
      residentPages: Math.floor(world.residentBytes() / PAGE) + filePages,
      sharedPages: filePages,
      sysTotalBytes: SIM_SYSTEM_MEM_BYTES,
      sysFreeBytes: Math.floor((SIM_SYSTEM_MEM_BYTES * freeBp) / 10000),
    };
  }
  const spans = world.vmas(0) ?? [];
  const vmas = spans.map((s) => ({ ...s, name: '0', anon: true, exec: false }));
  let pages = 0;
  for (const v of vmas) pages += (v.end - v.start) / PAGE;
  // A replayed record knows only its monitored ranges: all present, nothing shared.
  const used = world instanceof RecordReplay ? Math.min(SIM_SYSTEM_MEM_BYTES, 2 ** 30 + pages * PAGE) : 2 ** 30;
  return { vmas, residentPages: pages, sharedPages: 0, sysTotalBytes: SIM_SYSTEM_MEM_BYTES, sysFreeBytes: SIM_SYSTEM_MEM_BYTES - used };
}

function statm(f: ProcessFacts | null): Json {
  if (!f) return { size: 0n, resident: 0n, shared: 0n, trs: 0n, lrs: 0n, drs: 0n, dt: 0n };
  let size = 0;
  let text = 0;
  let data = 0;
  for (const v of f.vmas) {
    const pages = (v.end - v.start) / PAGE;
    size += pages;
    if (v.exec && !v.anon) text += pages;
    if (v.anon) data += pages;
  }
  const b = (n: number) => BigInt(Math.floor(n));
  return { size: b(size), resident: b(f.residentPages), shared: b(f.sharedPages), trs: b(text), lrs: 0n, drs: b(data), dt: 0n };
}

/** /proc/<pid>/stat's 52 fields as strings; only what the simulation knows is non-zero. */
function statFields(pid: number, f: ProcessFacts, nowUs: number): Json {
  const fields: string[] = new Array(52).fill('0');
  let vsize = 0;
  for (const v of f.vmas) vsize += v.end - v.start;
  const text = f.vmas.find((v) => v.exec && !v.anon);
  const stack = f.vmas.find((v) => v.name === '[stack]');
  const set: [number, string][] = [
    [0, String(pid)],
    [1, '(masim)'],
    [2, 'R'],
    [3, '1'],
    [4, String(pid)],
    [5, String(pid)],
    [7, '-1'],
    [9, String(f.residentPages)],
    [13, String(Math.floor(nowUs / 10000))], // utime in clock ticks (100 Hz): the process only computes
    [17, '20'],
    [19, '1'],
    [22, String(vsize)],
    [23, String(f.residentPages)],
    [24, '18446744073709551615'],
    [25, String(text?.start ?? 0)],
    [26, String(text?.end ?? 0)],
    [27, String(stack ? stack.end - PAGE : 0)],
    [37, '17'],
  ];
  for (const [i, v] of set) fields[i] = v;
  return { fields };
}

/** Takes one sample of each requested side file per call (upstream: once per loop iteration). */
export class SideFileSampler {
  readonly samples: SideFileSamples = { memFootprint: [], vmas: [], procStats: [] };

  constructor(
    private readonly world: AccessSource,
    private readonly pid: number,
    private readonly what: { memFootprint: boolean; vmas: boolean; procStats: boolean },
    /** Seconds on the time axis of virtual µs 0. */
    private readonly epochSec: number,
  ) {}

  sample(nowUs: number): void {
    const f = factsOf(this.world);
    const time = this.epochSec + nowUs / 1e6;
    if (this.what.memFootprint) {
      const sys = f ?? factsOf(this.world) ?? { sysTotalBytes: SIM_SYSTEM_MEM_BYTES, sysFreeBytes: SIM_SYSTEM_MEM_BYTES - 2 ** 30 };
      const kb = (n: number) => BigInt(Math.floor(n / 1024));
      this.samples.memFootprint.push({
        time,
        footprints: [
          { pid: BigInt(this.pid), footprint: statm(f) },
          {
            pid: null,
            footprint: {
              total: kb(sys.sysTotalBytes),
              free: kb(sys.sysFreeBytes),
              available: kb(sys.sysFreeBytes),
              buffers: 0n,
              cached: 0n,
            },
          },
        ],
      });
    }
    if (this.what.vmas) {
      const vmas: Json[] = (f?.vmas ?? []).map((v) => ({
        start: BigInt(v.start),
        end: BigInt(v.end),
        // upstream keeps the last word of a maps line: the inode 0 for anonymous mappings
        name: v.name === '' ? '0' : v.name.split(/\s+/).pop()!,
      }));
      this.samples.vmas.push({ time, procvmas: [{ pid: BigInt(this.pid), vmas }] });
    }
    if (this.what.procStats) {
      // The kdamond is the engine inside damo: it has no pid of its own.
      this.samples.procStats.push({
        time,
        proc_stats: [{ fields: null }, f ? statFields(this.pid, f, nowUs) : { fields: null }],
      });
    }
  }
}
