// `damo record`: record the access pattern of a target into a file (spec/records.md §4).
// Simulated targets (`sim:<workload>`, `sim:record:<file>`) run on the embedded engine on
// a virtual clock; `ongoing` (or no target) records the running engine kdamonds in real time
// (record-engine.ts); real processes go through the kernel path.
import { existsSync } from 'node:fs';
import { UserError } from '../../base/user-error.ts';
import type { AccessSource } from '../../engine/access-source.ts';
import { contextToEngineConfig } from '../../engine/params-to-engine.ts';
import { SIM_SYSTEM_MEM_BYTES, SideFileSampler } from '../../engine/sim-record-side-files.ts';
import { type PacedClock, type SnapshotPlan, runSimRecording, workloadSeed } from '../../engine/sim-recording.ts';
import { BUILTIN_WORKLOADS } from '../../engine/sim/builtin-workloads.ts';
import { MasimWorkload } from '../../engine/sim/masim-workload.ts';
import { RecordReplay, replayTargetsOf } from '../../engine/sim/record-replay.ts';
import { isSimTarget, loadSimTarget } from '../../engine/sim/sim-target.ts';
import { kdamondToKv } from '../../formats/kdamonds-to-kv.ts';
import { type PyJson, pyJsonDumps } from '../../base/py-json.ts';
import { readRecordFile } from '../../formats/read-records.ts';
import { type RecordFileFormat, writeRecordFile } from '../../formats/write-records.ts';
import { mergeSnapshotRegions } from '../../model/merge-snapshot-regions.ts';
import { monitorScheme, schemeCoversAll } from '../../kernel/tried-regions-snapshot.ts';
import type { Kdamond } from '../../model/damon-params.ts';
import { parseDamosFilterWords } from '../../model/damos-filter-words.ts';
import type { DamonRecord } from '../../model/record.ts';
import { DAMON_INTERFACE_OPTION, DEBUG_DAMON_OPTION, damonParamOptions } from '../damon-param-options.ts';
import { kdamondsForArgs } from '../damon-target-args.ts';
import { EngineBackend } from '../../backend/engine-backend.ts';
import { BACKEND_OPTION, backendForRunning } from '../backend-choice.ts';
import { SYSFS_ROOT_OPTION, kernelFsFor } from '../damon-kernel-args.ts';
import { KDAMONDS_DIR } from '../../kernel/fs.ts';
import { recordEngineOngoing } from '../record-engine.ts';
import { recordKernel } from '../record-kernel.ts';
import type { CommandContext, CommandSpec, OptionSpec, ParsedArgs } from '../option-table.ts';
import {
  DO_RECORD_CHOICES,
  atomicWrite,
  catchStopSignals,
  engineDoRecord,
  moveAside,
  parseOctalPermission,
  parseSeconds,
  parseSnapshotArgs,
} from '../record-outputs.ts';

const REPLAY_PREFIX = 'sim:record:';

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
  { flags: ['--output_flush_sec'], value: { kind: 'time', unit: 's', above: 0 }, metavar: '<seconds>', default: '3600', help: 'save the outputs into a new directory every this many seconds' },
  { flags: ['--perf_path'], metavar: '<path>', help: 'perf program to record and profile with' },
  { flags: ['--include_child_tasks'], kind: 'flag', help: 'also monitor child processes of the target (default)' },
  { flags: ['--exclude_child_tasks'], kind: 'flag', help: 'do not add child processes of the target' },
  { flags: ['--schemes_target_regions'], kind: 'flag', help: 'record the regions DAMOS schemes try, instead of the monitoring results' },
  { flags: ['--snapshot'], nargs: 2, metavar: ['<delay>', '<count>'], help: 'take <count> snapshots, <delay> apart, instead of a full recording' },
  { flags: ['--timeout'], metavar: '<seconds>', help: 'stop recording after this many seconds (virtual seconds for sim: targets)' },
  { flags: ['--do_record'], nargs: '+', metavar: '<what>', help: `what to record: ${DO_RECORD_CHOICES.join(', ')}` },
  { flags: ['--damon_tracer'], choices: ['perf', 'trace-cmd'], hidden: true, help: 'tracer for full recording' },
  { flags: ['--snapshot_damos_filter'], append: true, nargs: '+', metavar: '<filter words>', help: 'DAMOS filter for snapshot captures' },
  { flags: ['--real_time'], kind: 'flag', help: 'run a simulated target at wall-clock speed instead of on the virtual clock' },
  { flags: ['--seed'], metavar: '<number>', help: 'random seed of the simulated workload and the engine (sim: targets; default 42)' },
];

const listGiven = (v: unknown): boolean => Array.isArray(v) && v.length > 0;

/** The pid a simulated process shows in the side files and `.kdamonds` (it has no real one). */
const SIM_PID = 4242;

/** The DAMON parameters of a simulated target: one kdamond, context and (process) target. */
function simKdamond(args: ParsedArgs, ctx: CommandContext): Kdamond {
  for (const [dest, what] of [
    ['numa_node', '--numa_node'],
  ] as const) {
    if (listGiven(args[dest])) throw new UserError(`${what} cannot be used with a simulated target`);
  }
  let ks: Kdamond[];
  if (typeof args.kdamonds === 'string') {
    ks = kdamondsForArgs(args, null, ctx);
  } else {
    const ops = Array.isArray(args.ops) ? (args.ops as string[]) : [];
    if (ops.some((o) => o === 'paddr')) throw new UserError('a simulated target is a process: use vaddr or fvaddr operations');
    if (listGiven(args.target_pid)) ctx.err('warning: --target_pid is ignored for a simulated target\n');
    const a: ParsedArgs = {
      ...args,
      target_pid: [String(SIM_PID)],
      ops: ops.length ? ops : [listGiven(args.regions) ? 'fvaddr' : 'vaddr'],
    };
    ks = kdamondsForArgs(a, null, ctx);
  }
  if (ks.length !== 1 || ks[0].contexts.length !== 1 || ks[0].contexts[0].targets.length !== 1)
    throw new UserError('a simulated target is one process: give one kdamond, context and target');
  const c = ks[0].contexts[0];
  if (c.ops === 'paddr') throw new UserError('a simulated target is a process: use vaddr or fvaddr operations');
  c.targets[0].pid = SIM_PID;
  return ks[0];
}

/** The monitored world of a sim target: a masim workload, or a record replayed as the truth. */
async function simWorld(target: string, seed: number): Promise<{ world: AccessSource; what: string }> {
  if (target.startsWith(REPLAY_PREFIX)) {
    const path = target.slice(REPLAY_PREFIX.length);
    if (path === '') throw new UserError(`'${REPLAY_PREFIX}' needs the path of a record file to replay`);
    if (!existsSync(path)) throw new UserError(`${target}: no such record file`);
    const recs = replayTargetsOf(await readRecordFile(path));
    return { world: new RecordReplay(recs.slice(0, 1), { seed: workloadSeed(seed), what: path }), what: path };
  }
  const config = loadSimTarget(target);
  return { world: new MasimWorkload(config, { seed: workloadSeed(seed), systemMemBytes: SIM_SYSTEM_MEM_BYTES }), what: target };
}

const wallClock: PacedClock = {
  nowMs: () => performance.now(),
  sleepMs: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

async function recordSim(target: string, args: ParsedArgs, ctx: CommandContext): Promise<number> {
  const format = args.output_type as string;
  if (format === 'perf_data')
    throw new UserError("--output_type perf_data is perf's own file, and simulated targets are recorded without perf; use json_compressed, json or perf_script");
  const mode = parseOctalPermission(args.output_permission as string);
  const doRecord = engineDoRecord(args.do_record, 'a simulated target');
  const timeoutUs = typeof args.timeout === 'string' ? Math.round(parseSeconds(args.timeout, '--timeout') * 1e6) : undefined;
  let seed = 42;
  if (typeof args.seed === 'string') {
    if (!/^\d+$/.test(args.seed) || Number(args.seed) > 0xffffffff) throw new UserError(`--seed: '${args.seed}' is not a whole number below 2^32`);
    seed = Number(args.seed);
  }
  const snapshot = parseSnapshotArgs(args.snapshot);
  const triedRegions = args.schemes_target_regions === true;
  const snapFilters = Array.isArray(args.snapshot_damos_filter) ? parseDamosFilterWords(args.snapshot_damos_filter as string[][]) : [];

  const kdamond = simKdamond(args, ctx);
  const c = kdamond.contexts[0];
  const { world, what } = await simWorld(target, seed);
  if (triedRegions && c.schemes.length === 0)
    throw new UserError('--schemes_target_regions records the regions DAMOS schemes try: give schemes (--damos_action or --schemes)');

  // Snapshot mode reads a stat scheme covering all memory: a user scheme that already
  // does, else one installed just for each capture (spec/records.md §4.4).
  let plan: SnapshotPlan | undefined;
  const runCtx = structuredClone(c);
  if (snapshot) {
    if (triedRegions) plan = { ...snapshot, monitorSchemeIdx: null, installed: false };
    else {
      const have = c.schemes.findIndex((s) => schemeCoversAll(s, c, snapFilters));
      if (have >= 0) plan = { ...snapshot, monitorSchemeIdx: have, installed: false };
      else {
        runCtx.schemes.push(monitorScheme(snapFilters, c, true));
        plan = { ...snapshot, monitorSchemeIdx: runCtx.schemes.length - 1, installed: true };
      }
    }
  }
  const config = contextToEngineConfig(runCtx);
  if (config.ops === 'vaddr') {
    config.targets = [{}];
    // vaddr finds its three regions around the two biggest gaps between mappings; a replayed
    // record of one or two ranges (paddr, fvaddr) has too few: monitor those ranges as fvaddr.
    const spans = world instanceof RecordReplay ? (world.vmas(0) ?? []) : [];
    if (world instanceof RecordReplay && spans.length < 3) {
      config.ops = 'fvaddr';
      config.targets = [{ regions: spans }];
    }
  }

  const realTime = args.real_time === true;
  const epochNs = realTime ? BigInt(Date.now()) * 1000000n : 0n;
  const sampler = new SideFileSampler(
    world,
    SIM_PID,
    { memFootprint: doRecord.includes('mem_footprint'), vmas: doRecord.includes('vmas'), procStats: doRecord.includes('proc_stats') },
    Number(epochNs) / 1e9,
  );
  const out = args.out as string;
  moveAside(out);
  if (doRecord.includes('mem_footprint')) moveAside(`${out}.mem_footprint`);

  // Under --real_time a recording can be long: Ctrl+C ends it and still saves the
  // outputs, then exits with the signal number, as upstream's cleanup does.
  const signals = realTime ? catchStopSignals(ctx) : null;
  const res = await runSimRecording(world, {
    stopRequested: () => signals?.signalled() != null,
    config,
    seed,
    timeoutUs,
    epochNs,
    aggregations: doRecord.includes('access'),
    triedRegionsTrace: triedRegions && !snapshot,
    snapshot: plan,
    onTick: (now) => sampler.sample(now),
    realTime: realTime ? wallClock : undefined,
  });
  signals?.detach();

  // Outputs in upstream's order (spec/records.md §4.6).
  atomicWrite(`${out}.kdamonds`, pyJsonDumps([kdamondToKv(kdamond)] as PyJson), mode);
  let records: DamonRecord[] = res.records;
  if (snapshot) {
    records = res.snapshotRecords.map((r) => {
      const s = r.snapshots[0];
      return {
        ...r,
        schemeFilters: runCtx.schemes[r.schemeIdx!].filters,
        snapshots: [{ ...s, regions: mergeSnapshotRegions(s.regions) }],
      };
    });
  }
  const wantAccess = doRecord.includes('access') || snapshot !== null;
  if (wantAccess && records.length) await writeRecordFile(out, records, format as RecordFileFormat, { mode });
  if (doRecord.includes('mem_footprint')) atomicWrite(`${out}.mem_footprint`, pyJsonDumps(sampler.samples.memFootprint as PyJson), mode);
  if (doRecord.includes('vmas')) atomicWrite(`${out}.vmas`, pyJsonDumps(sampler.samples.vmas as PyJson), mode);
  if (doRecord.includes('proc_stats')) atomicWrite(`${out}.proc_stats`, pyJsonDumps(sampler.samples.procStats as PyJson), mode);

  if (process.stderr.isTTY) {
    const secs = (res.engine.nowUs / 1e6).toFixed(1);
    const nsnap = records.reduce((n, r) => n + r.snapshots.length, 0);
    const clock = realTime ? 'real time' : 'virtual time';
    ctx.err(`recorded ${secs} s of ${what} (${clock}, ${nsnap} snapshots) into ${out}\n`);
  }
  return signals?.signalled() ?? 0;
}

/**
 * A real target needs the kernel's DAMON sysfs (the stand-in tree when one is given): when
 * it is missing, say so and point to the simulated targets, before any tracing is set up.
 */
function checkKernelDamon(target: string | null, args: ParsedArgs, ctx: CommandContext): void {
  const fs = kernelFsFor(args, ctx, false);
  if (fs.isDir(KDAMONDS_DIR)) return;
  const what = target === null || target === 'ongoing' ? 'ongoing DAMON' : `'${target}'`;
  const sims = Object.keys(BUILTIN_WORKLOADS).map((n) => `sim:${n}`).join(', ');
  throw new UserError(
    `cannot record ${what}: this kernel has no DAMON sysfs interface (${fs.shown(KDAMONDS_DIR)} is missing); ` +
      `simulated targets (${sims}, sim:<masim config>) work without it`,
  );
}

/**
 * The running engine kdamonds to record when no target (or 'ongoing') is given, by
 * backendForRunning's choice (engine kdamonds first); null when the kernel's DAMON is the one.
 */
function runningEngineFor(args: ParsedArgs, ctx: CommandContext): EngineBackend | null {
  const b = backendForRunning(args, ctx, false);
  if (!(b instanceof EngineBackend)) return null;
  if (b.running().length > 0) return b;
  if (args.backend === 'engine') throw new UserError('DAMON is not turned on: no engine kdamond runs to record (start one, e.g. damo start sim:stairs)');
  return null;
}

async function run(args: ParsedArgs, ctx: CommandContext): Promise<number> {
  const target = (args.target as string | null) ?? null;
  if (target !== null && isSimTarget(target)) {
    if (args.backend === 'kernel') throw new UserError(`'${target}' is a simulated workload, which runs on the engine, not the kernel`);
    return recordSim(target, args, ctx);
  }
  if (target === null || target === 'ongoing') {
    const engine = runningEngineFor(args, ctx);
    if (engine) return recordEngineOngoing(engine, args, ctx);
  } else if (args.backend === 'engine')
    throw new UserError(`the engine records simulated workloads (sim:<workload>) or its running kdamonds (ongoing); '${target}' needs the kernel`);
  checkKernelDamon(target, args, ctx);
  return recordKernel(args, ctx, target);
}

export const recordCommand: CommandSpec = {
  name: 'record',
  summary: 'record the access pattern (and more) of a target into a file',
  description:
    'Monitor a target with DAMON and save the monitoring results to a file for the report commands. ' +
    "A target 'sim:<workload>' (built-ins: " +
    Object.keys(BUILTIN_WORKLOADS).join(', ') +
    ', or a masim config file) runs a simulated process on the built-in DAMON engine, on a virtual clock: a minute ' +
    'of monitoring takes well under a second, and the same --seed gives the same record. ' +
    "'sim:record:<file>' replays a recorded access pattern as the process, to monitor it again with other " +
    'parameters. DAMOS schemes, --snapshot and the side files work on simulated targets; --real_time runs them ' +
    'at wall-clock speed. ' +
    "'ongoing' (or no target while engine kdamonds run) records the kdamonds 'damo start sim:<workload>' left " +
    'running, in real time: every aggregation (or --snapshot captures) until --timeout, Ctrl+C or their stop.',
  examples: [
    'damo record sim:stairs   # one simulated minute into damon.data (and its side files)',
    'damo record sim:zigzag -o zigzag.data --timeout 20',
    'damo record sim:./my-workload.cfg --monitoring_intervals 10ms 200ms 1s --seed 7',
    'damo record sim:hotcold --output_type perf_script -o hotcold.txt',
    'damo record sim:stairs --snapshot 1s 10   # ten snapshots, a simulated second apart',
    'damo record sim:stairs --damos_action pageout --damos_access_rate 0% 0% --damos_age 2s max --snapshot 5s 6 --schemes_target_regions',
    'damo record sim:record:damon.data -s 10ms -a 200ms -o again.data   # re-monitor a recording',
    'damo start sim:stairs && damo record ongoing --timeout 10   # ten seconds of the running engine',
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
  options: [...RECORD_OPTIONS, ...damonParamOptions(true), BACKEND_OPTION, DEBUG_DAMON_OPTION, SYSFS_ROOT_OPTION, DAMON_INTERFACE_OPTION],
  run,
};
