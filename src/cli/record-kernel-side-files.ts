// The `.mem_footprint`, `.vmas` and `.proc_stats` samples `damo record` takes from /proc
// for a kernel recording, one each per loop iteration (spec/records.md §4.7 layouts).
// DAMO_PROC_ROOT stands in for /proc in tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PyJson } from '../base/py-json.ts';

export interface SampledPids {
  /** Target pids (vaddr/fvaddr contexts), duplicates removed, in order. */
  targets: bigint[];
  /** For .proc_stats: each kdamond's pid (null when unknown), then its targets' pids. */
  procStats: (bigint | null)[];
}

export class ProcSideFiles {
  readonly memFootprint: PyJson[] = [];
  readonly vmas: PyJson[] = [];
  readonly procStats: PyJson[] = [];

  constructor(
    readonly what: { memFootprint: boolean; vmas: boolean; procStats: boolean },
    readonly procRoot = '/proc',
  ) {}

  private readText(rel: string): string | null {
    try {
      return readFileSync(join(this.procRoot, rel), 'utf8');
    } catch {
      return null;
    }
  }

  private statm(pid: bigint): PyJson {
    const names = ['size', 'resident', 'shared', 'trs', 'lrs', 'drs', 'dt'];
    const words = (this.readText(`${pid}/statm`) ?? '').trim().split(/\s+/);
    const ok = words.length >= 7 && words.slice(0, 7).every((w) => /^\d+$/.test(w));
    return Object.fromEntries(names.map((n, i) => [n, ok ? BigInt(words[i]) : 0n]));
  }

  private meminfo(): PyJson {
    const text = this.readText('meminfo') ?? '';
    const get = (key: string): bigint | null => {
      const m = new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(text);
      return m ? BigInt(m[1]) : null;
    };
    return { total: get('MemTotal'), free: get('MemFree'), available: get('MemAvailable'), buffers: get('Buffers'), cached: get('Cached') };
  }

  private mapsOf(pid: bigint): PyJson[] {
    const out: PyJson[] = [];
    for (const line of (this.readText(`${pid}/maps`) ?? '').split('\n')) {
      const words = line.trim().split(/\s+/);
      const m = /^([0-9a-f]+)-([0-9a-f]+)$/.exec(words[0] ?? '');
      if (!m) continue;
      // upstream keeps the line's last word: the inode (0) for anonymous mappings
      out.push({ start: BigInt(`0x${m[1]}`), end: BigInt(`0x${m[2]}`), name: words[words.length - 1] });
    }
    return out;
  }

  /** One sample of each requested file, stamped with the epoch seconds `time`. */
  sample(pids: SampledPids, time = Date.now() / 1000): void {
    if (this.what.memFootprint) {
      const footprints: PyJson[] = pids.targets.map((pid) => ({ pid, footprint: this.statm(pid) }));
      footprints.push({ pid: null, footprint: this.meminfo() });
      this.memFootprint.push({ time, footprints });
    }
    if (this.what.vmas) {
      this.vmas.push({ time, procvmas: pids.targets.map((pid) => ({ pid, vmas: this.mapsOf(pid) })) });
    }
    if (this.what.procStats) {
      const proc_stats: PyJson[] = pids.procStats.map((pid) => {
        const text = pid === null ? null : this.readText(`${pid}/stat`);
        return { fields: text === null ? null : text.trim().split(/\s+/) };
      });
      this.procStats.push({ time, proc_stats });
    }
  }
}
