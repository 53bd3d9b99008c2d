// `damo record` of a real target through the kernel's DAMON (spec/records.md §4): start
// kdamonds from the arguments as `start` does (or use the running ones, 'ongoing'), then
// either take --snapshot captures (tried regions of a stat scheme, §4.4) or record every
// aggregation from the DAMON tracepoints, with perf when it is there, else from a tracefs
// instance of our own; /proc side files each loop; at the end (or on SIGINT/SIGTERM) turn
// off what was started, stage the earlier parameters again, and save the outputs (§4.6).
import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, appendFileSync, chmodSync, constants, copyFileSync, existsSync, renameSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Backend } from '../backend/backend.ts';
import { type PyJson, pyJsonDumps } from '../base/py-json.ts';
import { UserError } from '../base/user-error.ts';
import { kdamondToKv } from '../formats/kdamonds-to-kv.ts';
import { LineSplitter, TraceParseError, TraceRecordsBuilder } from '../formats/perf-script-reader.ts';
import { type RecordFileFormat, writeRecordFile } from '../formats/write-records.ts';
import { KDAMONDS_DIR } from '../kernel/fs.ts';
import { kdamondStates } from '../kernel/read-kdamonds.ts';
import { DamonTraceInstance, KNOWN_DAMON_EVENTS, Tracefs, tracefsRootFor } from '../kernel/tracefs.ts';
import type { Kdamond } from '../model/damon-params.ts';
import { parseDamosFilterWords } from '../model/damos-filter-words.ts';
import type { DamonRecord, DamosFilter } from '../model/record.ts';
import { kernelBackendFor } from './damon-kernel-args.ts';
import { DamonSession } from './damon-session.ts';
import type { CommandContext, ParsedArgs } from './option-table.ts';
import { ProcSideFiles, type SampledPids } from './record-kernel-side-files.ts';
import {
  DO_RECORD_CHOICES,
  atomicWrite,
  catchStopSignals,
  moveAside,
  parseOctalPermission,
  parseSeconds,
  parseSnapshotArgs,
} from './record-outputs.ts';

const DEFAULT_DO_RECORD = ['access', 'cpu_profile', 'mem_footprint', 'vmas', 'proc_stats'];

let tracefsFactory: ((root: string) => Tracefs) | null = null;
/** Tests put a tracefs emulator over their stand-in folder. */
export function setTracefsForTests(make: ((root: string) => Tracefs) | null): void {
  tracefsFactory = make;
}

interface Options {
  out: string;
  format: string;
  mode: number;
  doRecord: string[];
  snapshot: { delaySec: number; count: number } | null;
  timeoutSec: number | null;
  perf: string | null;
  traceEvents: string[];
  tried: boolean;
}

function parseSnapshot(v: unknown): Options['snapshot'] {
  const parsed = parseSnapshotArgs(v);
  if (parsed === null) return null;
  if (parsed.count === 0) throw new UserError('--snapshot: the count must be a positive whole number');
  return { delaySec: parsed.delayUs / 1e6, count: parsed.count };
}

function findProgram(word: string, env: NodeJS.ProcessEnv): string | null {
  const candidates = word.includes('/') ? [word] : (env.PATH ?? '').split(delimiter).filter(Boolean).map((d) => join(d, word));
  for (const p of candidates) {
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // try the next one
    }
  }
  return null;
}

/** Whether the DAMON tree is a stand-in: then perf, which traces the real kernel, is never used. */
function standIn(args: ParsedArgs, env: NodeJS.ProcessEnv): string | null {
  const root = (args.sysfs_root as string | undefined) ?? env.DAMO_SYSFS_ROOT ?? null;
  if (root !== null && root !== '/sys') return root;
  return env.DAMO_TRACEFS_ROOT ? '/sys' : null;
}

function options(args: ParsedArgs, ctx: CommandContext): Options {
  const format = args.output_type as string;
  const mode = parseOctalPermission(String(args.output_permission ?? '600'));
  const given = Array.isArray(args.do_record) ? (args.do_record as string[]) : null;
  const doRecord = [...(given ?? DEFAULT_DO_RECORD)];
  for (const w of doRecord)
    if (!DO_RECORD_CHOICES.includes(w)) throw new UserError(`--do_record: '${w}' is not one of ${DO_RECORD_CHOICES.join(', ')}`);
  const timeoutSec = typeof args.timeout === 'string' ? parseSeconds(args.timeout, '--timeout') : null;
  const snapshot = parseSnapshot(args.snapshot);
  if (args.damon_tracer === 'trace-cmd')
    throw new UserError('--damon_tracer trace-cmd is not supported here: damo records with perf, or reads tracefs itself when perf is missing');
  let perf: string | null = null;
  if (typeof args.perf_path === 'string') {
    perf = findProgram(args.perf_path, ctx.env);
    if (perf === null) throw new UserError(`--perf_path handling fail (perf not found at "${args.perf_path}")`);
  } else perf = findProgram('perf', ctx.env);
  if (standIn(args, ctx.env) !== null) perf = null;
  if (args.damon_tracer === 'perf' && perf === null) throw new UserError('--damon_tracer (perf) is unavailable');
  if (perf === null && doRecord.includes('cpu_profile')) {
    if (given) throw new UserError('--do_record cpu_profile needs perf, which is not found (give --perf_path, or leave cpu_profile out)');
    doRecord.splice(doRecord.indexOf('cpu_profile'), 1);
  }
  if (format === 'perf_data' && (snapshot !== null || perf === null))
    throw new UserError('--output_type perf_data is the file perf records, and this recording is made without perf; use json_compressed, json or perf_script');
  const tried = args.schemes_target_regions === true;
  let traceEvents: string[] = [];
  if (snapshot === null && (doRecord.includes('access') || doRecord.includes('damon_trace_events'))) {
    if (doRecord.includes('damon_trace_events')) traceEvents = [...KNOWN_DAMON_EVENTS];
    else if (tried) traceEvents = ['damos_before_apply'];
    else traceEvents = ['damon_aggregated', 'damon_monitor_intervals_tune'];
  }
  return { out: args.out as string, format, mode, doRecord, snapshot, timeoutSec, perf, traceEvents, tried };
}

function pidsOf(ks: Kdamond[]): SampledPids {
  const targets: bigint[] = [];
  const procStats: (bigint | null)[] = [];
  for (const k of ks) {
    procStats.push(k.pid !== null && /^\d+$/.test(k.pid) ? BigInt(k.pid) : null);
    for (const c of k.contexts) {
      if (c.ops === 'paddr') continue;
      for (const t of c.targets) {
        if (t.pid === null) continue;
        const pid = BigInt(t.pid);
        procStats.push(pid);
        if (!targets.includes(pid)) targets.push(pid);
      }
    }
  }
  return { targets, procStats };
}

/** A tracer: perf writing `<out>` as perf.data, or our tracefs instance feeding the builder. */
interface Tracer {
  poll(): void;
  /** Stops tracing; returns the records (null when perf.data is kept as it is). */
  finish(): Promise<DamonRecord[] | null>;
}

function waitExit(child: ChildProcess, ms: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    child.once('exit', () => {
      clearTimeout(t);
      resolve();
    });
  });
}

function spawnPerf(perf: string, argv: string[]): ChildProcess {
  // perf's own chatter goes to stderr: stdout carries nothing but damo's output.
  const child = spawn(perf, argv, { stdio: ['ignore', 'pipe', 'inherit'] });
  child.stdout?.pipe(process.stderr);
  child.on('error', () => undefined);
  return child;
}

function perfTracer(o: Options, available: string[], builder: TraceRecordsBuilder): Tracer {
  const events = o.traceEvents.filter((e) => available.includes(e));
  const child = spawnPerf(o.perf!, ['record', '-a', '-o', o.out, ...events.flatMap((e) => ['-e', `damon:${e}`])]);
  return {
    poll: () => undefined,
    async finish() {
      child.kill('SIGINT');
      await waitExit(child, 30000);
      if (!existsSync(o.out)) throw new UserError(`perf record left no ${o.out}`);
      if (o.doRecord.includes('damon_trace_events')) copyFileSync(o.out, `${o.out}.trace`);
      chmodSync(o.out, o.mode);
      if (o.format === 'perf_data') return null;
      const script = spawn(o.perf!, ['script', '--force', '-i', o.out], { stdio: ['ignore', 'pipe', 'pipe'] });
      const lines = new LineSplitter((l) => builder.addLine(l));
      let err = '';
      script.stdout.setEncoding('utf8').on('data', (t: string) => lines.write(t));
      script.stderr.setEncoding('utf8').on('data', (t: string) => (err += t));
      const code = await new Promise<number>((resolve) => {
        script.on('error', () => resolve(-1));
        script.on('close', (c) => resolve(c ?? -1));
      });
      lines.end();
      if (code !== 0) throw new UserError(`converting format from perf_data to ${o.format} failed (perf script: ${err.trim().split('\n')[0] || `exit ${code}`})`);
      return builder.finish();
    },
  };
}

function tracefsTracer(o: Options, tracefs: Tracefs, available: string[], builder: TraceRecordsBuilder): Tracer {
  const events = o.traceEvents.filter((e) => available.includes(e));
  if (events.length === 0) throw new UserError(`this kernel has none of the tracepoints damon:${o.traceEvents.join(', damon:')} (${tracefs.path('available_events')})`);
  const inst = DamonTraceInstance.open(tracefs, events);
  // With damon_trace_events, the trace text is kept beside the record (upstream: perf.data).
  const keep = o.doRecord.includes('damon_trace_events') ? `${o.out}.trace.tmp-${process.pid}` : null;
  if (keep) writeFileSync(keep, '', { mode: o.mode });
  const take = (lines: string[]) => {
    for (const l of lines) builder.addLine(l);
    if (keep && lines.length) appendFileSync(keep, lines.join('\n') + '\n');
  };
  return {
    poll: () => take(inst.poll()),
    async finish() {
      take(inst.close());
      if (inst.leftBehind) process.stderr.write(`damo: warning: the tracefs instance ${inst.leftBehind} could not be removed\n`);
      if (keep) renameSync(keep, `${o.out}.trace`);
      return builder.finish();
    },
  };
}

/**
 * One snapshot capture: the tried regions of a stat scheme over all memory, or with
 * --schemes_target_regions those of every scheme the kdamonds have (§4.4).
 */
async function capture(backend: Backend, kdamonds: Kdamond[], tried: boolean, filters: DamosFilter[]): Promise<DamonRecord[]> {
  if (!tried) return backend.snapshot({ damosFilters: filters });
  const which: [number, number, number][] = [];
  (await backend.status()).forEach((k, ki) => {
    if (k.state === 'on') k.contexts.forEach((c, ci) => c.schemes.forEach((_, si) => which.push([ki, ci, si])));
  });
  const records: DamonRecord[] = [];
  for (const w of which) records.push(...(await backend.snapshot({ triedRegionsOf: w })));
  if (records.length === 0 && kdamonds.length > 0)
    throw new UserError('--schemes_target_regions records the regions DAMOS schemes try, and no running kdamond has a scheme');
  return records;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function recordKernel(args: ParsedArgs, ctx: CommandContext, target: string | null): Promise<number> {
  const o = options(args, ctx);
  const fs = kernelBackendFor(args, ctx).control.d.fs;
  const anyOn = () => fs.isDir(KDAMONDS_DIR) && kdamondStates(fs).some((s) => s.state === 'on');
  const ongoing = target === 'ongoing' || (target === null && anyOn());
  if (target === null && !ongoing)
    throw new UserError('nothing to record: give a target (a command, a pid, paddr, or sim:<workload>), or start DAMON first');
  if (ongoing && !anyOn()) throw new UserError('DAMON is not turned on via sysfs; no way to proceed for ongoing kdamonds recording');

  const tracefs = o.traceEvents.length > 0 && o.perf === null ? (tracefsFactory ?? ((r: string) => new Tracefs(r)))(tracefsRootFor(ctx.env, standIn(args, ctx.env))) : null;
  const available = o.traceEvents.length === 0 ? [] : tracefs ? tracefs.availableDamonEvents() : [...KNOWN_DAMON_EVENTS];
  const snapFilters = Array.isArray(args.snapshot_damos_filter) ? parseDamosFilterWords(args.snapshot_damos_filter as string[][]) : [];

  moveAside(o.out);
  if (o.doRecord.includes('mem_footprint')) moveAside(`${o.out}.mem_footprint`);

  const session = ongoing ? null : await DamonSession.start(args, ctx, target);
  const backend: Backend = session ? session.backend : kernelBackendFor(args, ctx);
  const live = await backend.status();
  // Parameters as damo started them (state null), with the kdamond pids sysfs gives.
  const kdamonds: Kdamond[] = session
    ? session.kdamonds.map((k, i) => ({ ...k, pid: live[session.started[i]]?.pid ?? k.pid }))
    : live.filter((k) => k.state === 'on');
  const intervals = kdamonds[0]?.contexts[0]?.intervals ?? null;
  const side = new ProcSideFiles(
    { memFootprint: o.doRecord.includes('mem_footprint'), vmas: o.doRecord.includes('vmas'), procStats: o.doRecord.includes('proc_stats') },
    ctx.env.DAMO_PROC_ROOT ?? '/proc',
  );
  const pids = pidsOf(kdamonds);

  const stop = catchStopSignals(ctx);

  const builder = new TraceRecordsBuilder(intervals ? { ...intervals, goal: { ...intervals.goal } } : null);
  let tracer: Tracer | null = null;
  let profiler: ChildProcess | null = null;
  const snapshots: DamonRecord[] = [];
  let traced: DamonRecord[] | null = null;
  let failure: unknown = null;
  try {
    if (tracefs) tracer = tracefsTracer(o, tracefs, available, builder);
    else if (o.traceEvents.length > 0) tracer = perfTracer(o, available, builder);
    if (o.doRecord.includes('cpu_profile')) profiler = spawnPerf(o.perf!, ['record', '-o', `${o.out}.profile`]);
    if (process.stderr.isTTY && !(o.snapshot && o.snapshot.delaySec === 0 && o.snapshot.count < 5)) ctx.err('Press Ctrl+C to stop\n');

    const running = () => (session ? !session.ended() : anyOn());
    const started = Date.now();
    const stepMs = (o.snapshot && o.snapshot.delaySec > 0 ? o.snapshot.delaySec : 1) * 1000;
    let left = o.snapshot?.count ?? 0;
    while (stop.signalled() === null && running()) {
      side.sample(pids);
      if (o.timeoutSec !== null && Date.now() - started >= o.timeoutSec * 1000) break;
      if (o.snapshot) {
        try {
          snapshots.push(...(await capture(backend, kdamonds, o.tried, snapFilters)));
        } catch (e) {
          throw new UserError(`failed getting snapshot (${(e as Error).message})`);
        }
        if (--left === 0) break;
      }
      const until = Date.now() + stepMs;
      while (stop.signalled() === null && Date.now() < until) {
        tracer?.poll();
        await sleep(Math.min(200, Math.max(0, until - Date.now())));
      }
      tracer?.poll();
    }
  } catch (e) {
    failure = e;
  }
  // Cleanup in upstream's order: DAMON off and restored, then the outputs (§4.2, §4.6).
  try {
    if (tracer) traced = await tracer.finish();
  } catch (e) {
    failure ??= e instanceof TraceParseError ? new UserError(`reading the DAMON trace failed (${e.message})`) : e;
  }
  if (profiler) {
    profiler.kill('SIGINT');
    await waitExit(profiler, 10000);
  }
  if (session) await session.finish(ctx);
  stop.detach();
  if (failure !== null) throw failure;

  atomicWrite(`${o.out}.kdamonds`, pyJsonDumps(kdamonds.map((k) => kdamondToKv(k)) as PyJson), o.mode);
  const records = traced ?? snapshots;
  if (records.length > 0) await writeRecordFile(o.out, records, o.format as RecordFileFormat, { mode: o.mode });
  else if (tracer && traced !== null) ctx.err(`warning: no DAMON events were traced; ${o.out} is not written\n`);
  if (profiler && existsSync(`${o.out}.profile`)) chmodSync(`${o.out}.profile`, o.mode);
  if (side.what.memFootprint) atomicWrite(`${o.out}.mem_footprint`, pyJsonDumps(side.memFootprint), o.mode);
  if (side.what.vmas) atomicWrite(`${o.out}.vmas`, pyJsonDumps(side.vmas), o.mode);
  if (side.what.procStats) atomicWrite(`${o.out}.proc_stats`, pyJsonDumps(side.procStats), o.mode);
  return stop.signalled() ?? 0;
}
