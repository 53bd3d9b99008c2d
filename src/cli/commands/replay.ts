// `damo replay`: make a process on this machine access memory as a record says, for DAMON to
// monitor or for testing (spec/records.md §9). The accesses run in a child process; memory
// is the record's touched ranges packed together, under a cap (--max_mem) and never more than RAM.
import { existsSync } from 'node:fs';
import { totalmem } from 'node:os';
import { pyFixed } from '../../base/py-format.ts';
import { formatSz, textToBytes } from '../../base/units.ts';
import { UserError } from '../../base/user-error.ts';
import { replayPlan } from '../../engine/replay-plan.ts';
import { runReplay, runReplayPerf } from '../../engine/replay-runner.ts';
import { readRecordFile } from '../../formats/read-records.ts';
import type { CommandContext, CommandSpec, ParsedArgs } from '../option-table.ts';
import { positiveSeconds } from '../time-args.ts';

function bytes(text: string, option: string): number {
  let v: bigint;
  try {
    v = textToBytes(text);
  } catch {
    throw new UserError(`${option}: '${text}' is not a size (e.g. 512M, 2G)`);
  }
  if (v <= 0n) throw new UserError(`${option}: '${text}' must be a positive size`);
  return Number(v);
}

/** The memory the replay may use: --max_mem (default half of RAM), never more than RAM. */
function memoryCap(args: ParsedArgs, ram: number): number {
  if (typeof args.max_mem !== 'string') return Math.floor(ram / 2);
  const cap = bytes(args.max_mem, '--max_mem');
  if (cap > ram) throw new UserError(`--max_mem ${formatSz(cap)} is more than this machine's RAM (${formatSz(ram)})`);
  return cap;
}

function checkFits(need: number, cap: number, ram: number, what: string): void {
  if (need > ram)
    throw new UserError(
      `${what} ${formatSz(need)} of memory, more than this machine's RAM (${formatSz(ram)}); replay needs as much memory as the record touches`,
    );
  if (need > cap)
    throw new UserError(`${what} ${formatSz(need)} of memory, more than the replay may use (${formatSz(cap)}); raise --max_mem (up to ${formatSz(ram)}) to allow it`);
}

async function run(args: ParsedArgs, ctx: CommandContext): Promise<number> {
  const ram = totalmem();
  const cap = memoryCap(args, ram);
  if (args.test_perf) {
    const sz = bytes(args.test_perf_sz_mem as string, '--test_perf_sz_mem');
    checkFits(sz, cap, ram, '--test_perf_sz_mem asks for');
    const runtime = positiveSeconds(args.test_perf_runtime as string, '--test_perf_runtime');
    await runReplayPerf(sz, runtime, (b, s) => ctx.out(`replayer can access ${formatSz(b / s)} memory per second\n`));
    return 0;
  }
  const file = args.input as string;
  const interval = positiveSeconds(args.progress_notice_interval as string, '--progress_notice_interval');
  if (!existsSync(file)) throw new UserError(`no such record file: ${file}`);
  const records = await readRecordFile(file);
  if (records.length === 0) throw new UserError(`${file} holds no monitoring records`);
  if (records.length > 1) ctx.err(`notice: ${file} holds ${records.length} records; replaying the first only\n`);
  const plan = replayPlan(records[0]);
  checkFits(plan.poolBytes, cap, ram, 'the record touches');
  let nextNotice = interval;
  await runReplay(plan, {
    started: (pid) => {
      if (process.stderr.isTTY) ctx.err(`replaying ${plan.nrSnapshots} snapshots of ${file} in process ${pid}\n`);
    },
    replayed: (idx, elapsed) => {
      if (elapsed < nextNotice) return;
      ctx.out(`${idx}/${plan.nrSnapshots} snapshots replayed in ${pyFixed(elapsed, 3)} seconds\n`);
      nextNotice += interval;
    },
  });
  ctx.out('all snapshots are replayed\n');
  return 0;
}

export const replayCommand: CommandSpec = {
  name: 'replay',
  summary: 'replay the data accesses of a record on this machine',
  description:
    "Make a new process access memory the way a record's first target did: each recorded region is touched in as many " +
    'sampling slices as DAMON saw it accessed, paced to the recorded time. The recorded addresses are not mapped here: the ' +
    'ranges the record touches are packed into one block of memory, which must fit --max_mem. --test_perf measures how ' +
    'fast this machine lets the replayer touch memory instead.',
  examples: [
    'damo replay damon.data',
    'damo replay damon.data --progress_notice_interval 10s --max_mem 2G',
    'damo replay --test_perf --test_perf_sz_mem 64M --test_perf_runtime 3s',
  ],
  positionals: [{ name: 'input', nargs: '?', default: 'damon.data', metavar: '<file>', help: 'record file to replay (default: damon.data)', completion: 'file' }],
  options: [
    { flags: ['--progress_notice_interval'], metavar: '<seconds>', default: '3', help: 'print progress this often' },
    { flags: ['--max_mem'], metavar: '<bytes>', help: 'most memory the replay may use (default: half of RAM)' },
    { flags: ['--test_perf'], kind: 'flag', help: 'measure how fast memory can be touched instead of replaying' },
    { flags: ['--test_perf_sz_mem'], metavar: '<bytes>', default: '1G', help: 'memory the --test_perf run touches' },
    { flags: ['--test_perf_runtime'], metavar: '<seconds>', default: '60', help: 'how long the --test_perf run lasts' },
  ],
  run,
};
