// `damo report profile`: the CPU profile (a `damo record` `.profile` side file, which
// is perf.data) over the times the record's snapshots matched the record filters,
// through `perf report` (spec/reports.md §12). Also the perf runner holistic uses.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { UserError } from '../../base/user-error.ts';
import { readRecordFile } from '../../formats/read-records.ts';
import { perfReportArgs } from '../../report/profile.ts';
import { type RecordFilterArgs, filterRecords, recordFilterOptionsFromArgs } from '../../report/record-filters.ts';
import { snapshotTimeSpans } from '../../report/times.ts';
import type { CommandContext, CommandSpec, OptionSpec, ParsedArgs } from '../option-table.ts';
import { recordFilterOptionSpecs } from './report-access.ts';

export const PERF_PATH_OPTION: OptionSpec = {
  flags: ['--perf_path'],
  metavar: '<path>',
  default: 'perf',
  help: 'the perf program to read the profile with',
};

/** Fails with one line unless the profile file exists. */
export function checkProfileFile(path: string): void {
  if (!existsSync(path)) {
    throw new UserError(
      `no CPU profile at ${path}: record one with 'damo record --do_record cpu_profile ...' (needs perf), or name it with --inputs`,
    );
  }
}

/**
 * Runs perf with `args`; its output goes to the terminal when stdout is one (perf's
 * own browser), else it is returned. A missing perf or a failure is one clear line.
 */
export async function runPerf(perfPath: string, args: string[], toTerminal: boolean): Promise<string> {
  return runTool(perfPath, args, toTerminal, 'reading a CPU profile needs perf (install it, or give --perf_path)');
}

/** Runs an external program (perf, trace-cmd); `need` completes the not-found message. */
export async function runTool(perfPath: string, args: string[], toTerminal: boolean, need: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let errText = '';
    const child = spawn(perfPath, args, { stdio: toTerminal ? 'inherit' : ['ignore', 'pipe', 'pipe'] });
    child.stdout?.setEncoding('utf8').on('data', (t: string) => {
      out += t;
    });
    child.stderr?.setEncoding('utf8').on('data', (t: string) => {
      errText += t;
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      reject(
        e.code === 'ENOENT'
          ? new UserError(`'${perfPath}' not found: ${need}`)
          : new UserError(`cannot run '${perfPath}' (${e.message})`),
      );
    });
    child.on('close', (code) => {
      if (code === 0) resolve(out);
      else {
        const why = errText.trim().split('\n').filter(Boolean).pop();
        reject(new UserError(`'${perfPath} ${args[0]}' failed (exit status ${code})${why ? `: ${why}` : ''}`));
      }
    });
  });
}

async function run(args: ParsedArgs, ctx: CommandContext): Promise<number> {
  const [recordPath, profilePath] = args.inputs as string[];
  const filters = recordFilterOptionsFromArgs(args as RecordFilterArgs);
  const spans = snapshotTimeSpans(filterRecords(await readRecordFile(recordPath), filters));
  if (spans.length === 0) throw new UserError('No snapshot of the condition found');
  checkProfileFile(profilePath);
  const perf = String(args.perf_path);
  const text = await runPerf(perf, perfReportArgs(profilePath, spans, !ctx.stdoutIsTTY), ctx.stdoutIsTTY);
  if (!ctx.stdoutIsTTY) ctx.out(text.endsWith('\n') || text === '' ? text : `${text}\n`);
  return 0;
}

export const reportProfileCommand: CommandSpec = {
  name: 'profile',
  summary: 'show the CPU profile of the times a given access pattern was seen',
  description:
    "Find the times when the record's snapshots matched the record filters (as `damo report times` prints them) and show the CPU profile recorded beside it (the .profile file `damo record --do_record cpu_profile` writes) over those times only, with `perf report`.",
  examples: [
    'damo report profile --access_rate 50% 100%  # what ran while some memory was hot',
    'damo report profile --inputs my.data my.data.profile --address 0x7f0000000000 0x7f0010000000 --age 5s max',
  ],
  options: [
    {
      flags: ['--inputs'],
      nargs: 2,
      metavar: ['<access record>', '<profile>'],
      default: ['damon.data', 'damon.data.profile'],
      help: 'access record and the CPU profile (perf.data) recorded with it',
    },
    PERF_PATH_OPTION,
    ...recordFilterOptionSpecs.map((o) => ({ ...o, hidden: false })),
  ],
  run,
};
