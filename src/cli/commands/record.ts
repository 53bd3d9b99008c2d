// `damo record`: record the access pattern of a target into a file (spec/records.md §4).
// Simulated targets (`sim:<workload>`) run on the embedded engine on a virtual clock;
// recording real processes needs the kernel path, which says what is missing.
import { existsSync, renameSync } from 'node:fs';
import { UserError } from '../../base/user-error.ts';
import type { EngineAttrs } from '../../engine/config.ts';
import { recordSimulation } from '../../engine/sim-recording.ts';
import { BUILTIN_WORKLOADS } from '../../engine/sim/builtin-workloads.ts';
import { isSimTarget, loadSimTarget } from '../../engine/sim/sim-target.ts';
import { type RecordFileFormat, writeRecordFile } from '../../formats/write-records.ts';
import { kdamondsFromOptions } from '../../model/damon-params-from-options.ts';
import { DAMON_INTERFACE_OPTION, DEBUG_DAMON_OPTION, damonParamOptions } from '../damon-param-options.ts';
import { paramsEnvFor } from '../damon-target-args.ts';
import type { CommandContext, CommandSpec, OptionSpec, ParsedArgs } from '../option-table.ts';

const DO_RECORD_CHOICES = ['access', 'cpu_profile', 'mem_footprint', 'vmas', 'proc_stats', 'damon_trace_events'];

const RECORD_OPTIONS: OptionSpec[] = [
  { flags: ['-o', '--out'], metavar: '<file>', default: 'damon.data', help: 'output file (and prefix of the side files)' },
  {
    flags: ['--output_type'],
    choices: ['json_compressed', 'json', 'perf_script', 'perf_data'],
    default: 'json_compressed',
    metavar: '<type>',
    help: 'format of the output file',
  },
  { flags: ['--output_permission'], metavar: '<octal>', default: '600', help: 'file mode of the output files, in octal' },
  { flags: ['--output_flush_sec'], metavar: '<seconds>', default: '3600', help: 'save the outputs into a new directory every this many seconds' },
  { flags: ['--perf_path'], metavar: '<path>', help: 'perf program to record and profile with' },
  { flags: ['--include_child_tasks'], kind: 'flag', help: 'also monitor child processes of the target (default)' },
  { flags: ['--exclude_child_tasks'], kind: 'flag', help: 'do not add child processes of the target' },
  { flags: ['--schemes_target_regions'], kind: 'flag', help: 'record the regions DAMOS schemes try, instead of the monitoring results' },
  { flags: ['--snapshot'], nargs: 2, metavar: ['<delay>', '<count>'], help: 'take <count> snapshots, <delay> apart, instead of a full recording' },
  { flags: ['--timeout'], metavar: '<seconds>', help: 'stop recording after this many seconds (virtual seconds for sim: targets)' },
  { flags: ['--do_record'], nargs: '+', metavar: '<what>', help: `what to record: ${DO_RECORD_CHOICES.join(', ')}` },
  { flags: ['--damon_tracer'], choices: ['perf', 'trace-cmd'], hidden: true, help: 'tracer for full recording' },
  { flags: ['--snapshot_damos_filter'], append: true, nargs: '+', metavar: '<filter words>', help: 'DAMOS filter for snapshot captures' },
  { flags: ['--seed'], metavar: '<number>', help: 'random seed of the simulated workload and the engine (sim: targets; default 42)' },
];

function parseOctalPermission(text: string): number {
  const ok = /^[0-7]+$/.test(text.trim());
  const v = ok ? parseInt(text.trim(), 8) : NaN;
  if (!ok || v > 0o777) throw new UserError(`wrong --output permission (${text}) (need an octal mode between 0 and 777)`);
  return v;
}

function parseSeconds(text: string, option: string): number {
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v) || v <= 0) throw new UserError(`${option}: '${text}' is not a positive number of seconds`);
  return v;
}

const listGiven = (v: unknown): boolean => Array.isArray(v) && v.length > 0;

/** The engine's monitoring attributes from the DAMON parameter options, as damo builds a context. */
function engineAttrsFromArgs(args: ParsedArgs, ctx: CommandContext): { attrs: EngineAttrs; regions?: { start: number; end: number }[] } {
  for (const [dest, what] of [
    ['damos_action', 'DAMOS schemes'],
    ['target_pid', '--target_pid'],
    ['numa_node', '--numa_node'],
  ] as const) {
    if (listGiven(args[dest])) throw new UserError(`${what} cannot be used with a simulated target in 'damo record' yet`);
  }
  if (typeof args.schemes === 'string' || typeof args.kdamonds === 'string')
    throw new UserError("--schemes and --kdamonds cannot be used with a simulated target in 'damo record' yet");
  const ops = Array.isArray(args.ops) ? (args.ops as string[]) : [];
  if (ops.some((o) => o === 'paddr')) throw new UserError('a simulated target is a process: use vaddr or fvaddr operations');
  const a: ParsedArgs = {
    ...args,
    target_pid: ['1'],
    ops: ops.length ? ops : [listGiven(args.regions) ? 'fvaddr' : 'vaddr'],
  };
  const ks = kdamondsFromOptions(a, paramsEnvFor(ctx.env));
  if (ks.length !== 1 || ks[0].contexts.length !== 1 || ks[0].contexts[0].targets.length !== 1)
    throw new UserError('a simulated target is one process: give one kdamond, context and target');
  const c = ks[0].contexts[0];
  const num = (x: unknown, what: string): number => {
    const n = Number(x);
    if (!Number.isSafeInteger(n) || n < 0) throw new UserError(`${what} must be a whole non-negative number here (got ${String(x)})`);
    return n;
  };
  const attrs: EngineAttrs = {
    sampleUs: num(c.intervals.sampleUs, 'the sampling interval in us'),
    aggrUs: num(c.intervals.aggrUs, 'the aggregation interval in us'),
    opsUpdateUs: num(c.intervals.opsUpdateUs, 'the update interval in us'),
    minNrRegions: num(c.nrRegions.min, 'min nr_regions'),
    maxNrRegions: num(c.nrRegions.max, 'max nr_regions'),
    intervalsGoal: {
      accessBp: num(c.intervals.goal.accessBp, 'the intervals goal access_bp'),
      aggrs: num(c.intervals.goal.aggrs, 'the intervals goal aggrs'),
      minSampleUs: num(c.intervals.goal.minSampleUs, 'the intervals goal min sample'),
      maxSampleUs: num(c.intervals.goal.maxSampleUs, 'the intervals goal max sample'),
    },
  };
  const t = c.targets[0];
  if (c.ops === 'fvaddr' && t.regions.length)
    return { attrs, regions: t.regions.map((r) => ({ start: Number(r.start), end: Number(r.end) })) };
  return { attrs };
}

async function recordSim(target: string, args: ParsedArgs, ctx: CommandContext): Promise<number> {
  if (args.snapshot) throw new UserError("--snapshot is not supported for simulated targets yet; record fully and use 'damo report'");
  if (args.schemes_target_regions) throw new UserError('--schemes_target_regions is not supported for simulated targets yet');
  const format = args.output_type as string;
  if (format === 'perf_data')
    throw new UserError("--output_type perf_data is perf's own file, and simulated targets are recorded without perf; use json_compressed, json or perf_script");
  const mode = parseOctalPermission(args.output_permission as string);
  const doRecord = Array.isArray(args.do_record) ? (args.do_record as string[]) : ['access'];
  for (const w of doRecord)
    if (!DO_RECORD_CHOICES.includes(w)) throw new UserError(`--do_record: '${w}' is not one of ${DO_RECORD_CHOICES.join(', ')}`);
  const config = loadSimTarget(target);
  const { attrs, regions } = engineAttrsFromArgs(args, ctx);
  const timeoutUs = typeof args.timeout === 'string' ? Math.round(parseSeconds(args.timeout, '--timeout') * 1e6) : undefined;
  let seed = 42;
  if (typeof args.seed === 'string') {
    if (!/^\d+$/.test(args.seed) || Number(args.seed) > 0xffffffff) throw new UserError(`--seed: '${args.seed}' is not a whole number below 2^32`);
    seed = Number(args.seed);
  }
  const rec = recordSimulation(config, { attrs, seed, timeoutUs, regions });
  const out = args.out as string;
  if (doRecord.includes('access')) {
    if (existsSync(out)) {
      try {
        renameSync(out, `${out}.old`);
      } catch (e) {
        throw new UserError(`cannot move the existing ${out} to ${out}.old (${(e as NodeJS.ErrnoException).code ?? e})`);
      }
    }
    await writeRecordFile(out, rec.records, format as RecordFileFormat, { mode });
  }
  if (process.stderr.isTTY) {
    const secs = (rec.engine.nowUs / 1e6).toFixed(1);
    const nsnap = rec.records.reduce((n, r) => n + r.snapshots.length, 0);
    ctx.err(`recorded ${secs} s of ${target} (virtual time, ${nsnap} snapshots) into ${out}\n`);
  }
  return 0;
}

/** Why a real target cannot be recorded here: names what is missing. */
function kernelTargetError(target: string | null): UserError {
  const what = target === null ? 'ongoing DAMON' : `'${target}'`;
  const sims = Object.keys(BUILTIN_WORKLOADS).map((n) => `sim:${n}`).join(', ');
  if (!existsSync('/sys/kernel/mm/damon/admin'))
    return new UserError(
      `cannot record ${what}: this kernel has no DAMON sysfs interface (/sys/kernel/mm/damon/admin is missing); ` +
        `simulated targets (${sims}, sim:<masim config>) work without it`,
    );
  if (typeof process.getuid === 'function' && process.getuid() !== 0)
    return new UserError(`cannot record ${what}: DAMON's sysfs interface needs root; simulated targets (${sims}) work without it`);
  return new UserError(
    `cannot record ${what}: recording through the kernel (DAMON sysfs with perf tracing) is not built yet in this damo; ` +
      `simulated targets (${sims}) run on the built-in engine`,
  );
}

async function run(args: ParsedArgs, ctx: CommandContext): Promise<number> {
  const target = (args.target as string | null) ?? null;
  if (target !== null && isSimTarget(target)) return recordSim(target, args, ctx);
  throw kernelTargetError(target);
}

export const recordCommand: CommandSpec = {
  name: 'record',
  summary: 'record the access pattern (and more) of a target into a file',
  description:
    'Monitor a target with DAMON and save the monitoring results to a file for the report commands. ' +
    "A target 'sim:<workload>' (built-ins: " +
    Object.keys(BUILTIN_WORKLOADS).join(', ') +
    ', or a masim config file) runs a simulated process on the built-in DAMON engine, on a virtual clock: a minute ' +
    'of monitoring takes well under a second, and the same --seed gives the same record.',
  examples: [
    'damo record sim:stairs   # one simulated minute into damon.data',
    'damo record sim:zigzag -o zigzag.data --timeout 20',
    'damo record sim:./my-workload.cfg --monitoring_intervals 10ms 200ms 1s --seed 7',
    'damo record sim:hotcold --output_type perf_script -o hotcold.txt',
    'damo report heatmap --guide   # then look at what was recorded',
  ],
  positionals: [
    {
      name: 'target',
      nargs: '?',
      metavar: '<deducible string>',
      help: "what to record: sim:<workload>, a command, a process id, paddr, or 'ongoing'",
    },
  ],
  options: [...RECORD_OPTIONS, ...damonParamOptions(true), DEBUG_DAMON_OPTION, DAMON_INTERFACE_OPTION],
  run,
};
