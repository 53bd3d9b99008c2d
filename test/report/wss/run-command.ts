// Runs a damo command line in-process (parser + command), capturing stdout/stderr,
// and writes small hand-made record files in upstream's JSON layout.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../../../src/base/user-error.ts';
import { rootCommand } from '../../../src/cli/command-tree.ts';
import { parseCommandLine } from '../../../src/cli/parse-args.ts';

export interface CommandResult {
  code: number;
  out: string;
  err: string;
}

export async function runDamo(argv: string[]): Promise<CommandResult> {
  let out = '';
  let err = '';
  const ctx = { out: (t: string) => void (out += t), err: (t: string) => void (err += t), env: {}, stdoutIsTTY: false };
  try {
    const { path, args } = parseCommandLine(rootCommand, argv);
    const code = await path[path.length - 1].run!(args, ctx);
    return { code: typeof code === 'number' ? code : 0, out, err };
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    return { code: e.exitCode, out, err: err + e.message };
  }
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface JsonRecordSpec {
  target_id?: number | string | null;
  intervals?: { sample_us: number; aggr_us: number } | null;
  /** [start_ns, end_ns, regions as [start, end, samples]] */
  snapshots: [number, number, [number, number, number][]][];
}

/** A record file in upstream's plain JSON layout. */
export function writeJsonRecords(path: string, records: JsonRecordSpec[]): string {
  const json = records.map((r) => ({
    kdamond_idx: null,
    context_idx: null,
    intervals: r.intervals
      ? {
          sample_us: r.intervals.sample_us,
          aggr_us: r.intervals.aggr_us,
          ops_update_us: 1000000,
          intervals_goal: { access_bp: 0, aggrs: 0, min_sample_us: 0, max_sample_us: 0 },
        }
      : null,
    scheme_idx: null,
    target_id: r.target_id ?? null,
    snapshots: r.snapshots.map(([start, end, regions]) => ({
      start_time: start,
      end_time: end,
      regions: regions.map(([s, e, n]) => ({
        start: s,
        end: e,
        nr_accesses: { samples: n, percent: null },
        age: { usec: null, aggr_intervals: null },
      })),
    })),
  }));
  writeFileSync(path, JSON.stringify(json));
  return path;
}
