// `damo report holistic`: heatmaps, working set and memory footprint percentiles, and
// hot functions of a record on one page (spec/reports.md §13). Reads the record, its
// `.mem_footprint` and `.profile` side files (the profile through perf, when on PATH).
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { UserError } from '../../base/user-error.ts';
import { readRecordFile } from '../../formats/read-records.ts';
import { parseMemFootprints } from '../../report/footprints.ts';
import { holisticReport, hotspotSlice } from '../../report/holistic.ts';
import { NO_COLOR_OPTION, colorsWanted } from '../color-choice.ts';
import type { CommandContext, CommandSpec, ParsedArgs } from '../option-table.ts';
import { PERF_PATH_OPTION, runPerf } from './report-profile.ts';

/** Whether `program` can be run: a path that is executable, or a name found on PATH. */
export function onPath(program: string, env: NodeJS.ProcessEnv): boolean {
  const runnable = (p: string) => {
    try {
      accessSync(p, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  if (program.includes('/')) return runnable(program);
  return (env.PATH ?? process.env.PATH ?? '').split(delimiter).some((d) => d !== '' && runnable(join(d, program)));
}

function lastNSec(args: ParsedArgs): number | null {
  const v = args.heatmap_time_last_n_sec;
  if (v === null || v === undefined) return null;
  const n = Number(String(v).trim());
  if (!Number.isFinite(n) || n <= 0) throw new UserError(`--heatmap_time_last_n_sec takes a positive number of seconds, not '${v}'`);
  return n;
}

async function run(args: ParsedArgs, ctx: CommandContext): Promise<void> {
  const recordPath = String(args.access_pattern);
  const footprintPath = (args.footprints as string | null) ?? `${recordPath}.mem_footprint`;
  const profilePath = (args.profile as string | null) ?? `${recordPath}.profile`;
  const long = Boolean(args.long);
  const records = await readRecordFile(recordPath);
  let footprints = null;
  if (existsSync(footprintPath)) footprints = parseMemFootprints(readFileSync(footprintPath, 'utf8'), footprintPath);
  else ctx.err(`damo: note: no memory footprints at ${footprintPath}; showing the working set only\n`);
  let hotspot: string[] | null = null;
  const perf = String(args.perf_path);
  if (onPath(perf, ctx.env)) {
    if (existsSync(profilePath)) hotspot = hotspotSlice(await runPerf(perf, ['report', '-i', profilePath, '--stdio'], false), long);
    else ctx.err(`damo: note: no CPU profile at ${profilePath}; hot functions left out\n`);
  }
  const text = await holisticReport(records, footprints, {
    long,
    lastNSec: lastNSec(args),
    colorset: colorsWanted(args, ctx) ? 'gray' : null,
    hotspot,
  });
  ctx.out(text);
}

export const reportHolisticCommand: CommandSpec = {
  name: 'holistic',
  summary: 'show heatmap, footprints and hot functions of a record together',
  description:
    "Summarize a record on one page: a small access heatmap of every monitored address range, the percentiles of the working set size and of the memory footprints (from the record's .mem_footprint file), and the hottest functions of its CPU profile (the .profile file, read with perf when perf is installed). --long shows bigger maps and full distributions.",
  examples: [
    'damo report holistic',
    'damo report holistic --access_pattern stairs.data --long',
    'damo report holistic --footprints other.mem_footprint --no_color',
  ],
  options: [
    { flags: ['--access_pattern'], metavar: '<file>', default: 'damon.data', help: 'access pattern record to read' },
    { flags: ['--footprints'], metavar: '<file>', help: 'memory footprints file (default: <access_pattern>.mem_footprint)' },
    { flags: ['--profile'], metavar: '<file>', help: 'CPU profile, perf.data (default: <access_pattern>.profile)' },
    { flags: ['--long'], kind: 'flag', help: 'the detailed form: guides, bigger maps, full distributions by size and time' },
    PERF_PATH_OPTION,
    { flags: ['--heatmap_time_last_n_sec'], metavar: '<seconds>', hidden: true, help: 'draw only the last this many seconds of each heatmap' },
    NO_COLOR_OPTION,
  ],
  run,
};
