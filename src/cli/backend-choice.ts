// Which DAMON a command drives (DESIGN.md "Two backends"): `--backend auto` sends a
// simulated target (sim:<workload>) to the engine without ever looking at sysfs, a process
// or paddr target to the kernel (saying what is missing when it cannot), and a command with
// no target to whatever runs: engine kdamonds first, else the kernel's DAMON when present.
import { KernelBackend } from '../backend/kernel-backend.ts';
import { EngineBackend } from '../backend/engine-backend.ts';
import { engineStateDir } from '../backend/engine-daemon-protocol.ts';
import type { Backend } from '../backend/backend.ts';
import { UserError } from '../base/user-error.ts';
import { isSimTarget, loadSimTarget } from '../engine/sim/sim-target.ts';
import { KDAMONDS_DIR, fsFor } from '../kernel/fs.ts';
import type { Kdamond } from '../model/damon-params.ts';
import { kernelBackendFor } from './damon-kernel-args.ts';
import { kdamondsForArgs } from './damon-target-args.ts';
import type { CommandContext, OptionSpec, ParsedArgs } from './option-table.ts';

export const BACKEND_OPTION: OptionSpec = {
  flags: ['--backend'],
  choices: ['auto', 'kernel', 'engine'],
  default: 'auto',
  metavar: '{auto,kernel,engine}',
  help: "which DAMON to drive: the kernel's, or the built-in engine (sim:<workload> targets); auto decides by the target, or by what runs",
};

export const SEED_OPTION: OptionSpec = {
  flags: ['--seed'],
  metavar: '<number>',
  help: 'random seed of a simulated workload and its engine (sim: targets; default 42)',
};

type BackendName = 'auto' | 'kernel' | 'engine';

function requested(args: ParsedArgs): BackendName {
  return ((args.backend as string | null | undefined) ?? 'auto') as BackendName;
}

/** An explicit kernel-only option means the kernel, whatever `auto` would pick. */
function kernelOptionGiven(args: ParsedArgs): string | null {
  if (typeof args.sysfs_root === 'string') return '--sysfs_root';
  if (args.dry_run) return '--dry_run';
  return null;
}

function idleExitMs(env: NodeJS.ProcessEnv): number | undefined {
  const t = env.DAMO_ENGINE_IDLE_EXIT_S;
  if (t === undefined || t === '') return undefined;
  const s = Number(t);
  if (!Number.isFinite(s) || s <= 0) throw new UserError(`DAMO_ENGINE_IDLE_EXIT_S='${t}' is not a positive number of seconds`);
  return s * 1000;
}

function parseSeed(args: ParsedArgs): number {
  if (typeof args.seed !== 'string') return 42;
  if (!/^\d+$/.test(args.seed) || Number(args.seed) > 0xffffffff) throw new UserError(`--seed: '${args.seed}' is not a whole number below 2^32`);
  return Number(args.seed);
}

export function engineBackendFor(args: ParsedArgs, ctx: CommandContext, simTarget: string | null = null): EngineBackend {
  const bad = kernelOptionGiven(args);
  if (bad) throw new UserError(`${bad} is for the kernel's DAMON; the engine backend writes no sysfs files`);
  return new EngineBackend({
    stateDir: engineStateDir(ctx.env),
    sim: simTarget === null ? undefined : { name: simTarget, config: loadSimTarget(simTarget), seed: parseSeed(args) },
    idleExitMs: idleExitMs(ctx.env),
  });
}

function notice(ctx: CommandContext, text: string): void {
  if (process.stderr.isTTY) ctx.err(`${text}\n`);
}

/** Is the kernel's DAMON sysfs interface there? Only looks (no write, no root needed). */
function kernelDamonPath(args: ParsedArgs, ctx: CommandContext): { present: boolean; shown: string } {
  const { fs } = fsFor({
    sysfsRoot: (args.sysfs_root as string | null | undefined) ?? null,
    env: ctx.env,
    emit: () => undefined,
    needRoot: false,
  });
  return { present: fs.isDir(KDAMONDS_DIR), shown: fs.shown(KDAMONDS_DIR) };
}

/**
 * The backend for a command given a target (start, tune): sim:<workload> means the engine.
 * With no target, tune goes to what runs; start to the kernel (the engine needs a workload).
 */
export function backendForTarget(
  args: ParsedArgs,
  ctx: CommandContext,
  target: string | null,
  noTarget: 'running' | 'kernel' = 'kernel',
): Backend {
  const want = requested(args);
  const sim = target !== null && isSimTarget(target);
  if (want === 'engine' || (want === 'auto' && sim)) {
    if (target !== null && !sim)
      throw new UserError(`the engine backend monitors simulated workloads only (sim:<workload>); '${target}' needs the kernel backend`);
    return engineBackendFor(args, ctx, target);
  }
  if (sim) throw new UserError(`'${target}' is a simulated workload, which runs on the engine backend, not the kernel`);
  if (want === 'auto' && target === null && noTarget === 'running') return backendForRunning(args, ctx);
  if (want === 'auto' && kernelOptionGiven(args) === null) {
    const k = kernelDamonPath(args, ctx);
    if (!k.present)
      throw new UserError(
        `'${target ?? 'these parameters'}' needs the kernel's DAMON, and ${k.shown} is missing ` +
          "(Linux 5.18 or later built with CONFIG_DAMON_SYSFS); simulated workloads run without it, e.g. 'damo start sim:stairs'",
      );
  }
  return kernelBackendFor(args, ctx);
}

/** The backend for a command about what runs (stop, report damon, live report access, tune without target). */
export function backendForRunning(args: ParsedArgs, ctx: CommandContext, needRoot = true): Backend {
  const want = requested(args);
  if (want === 'engine') return engineBackendFor(args, ctx);
  if (want === 'kernel' || kernelOptionGiven(args) !== null) return kernelBackendFor(args, ctx, needRoot);
  const engine = engineBackendFor(args, ctx);
  if (engine.running().length > 0) {
    notice(ctx, 'damo: engine kdamonds are running; using the engine backend (--backend kernel for the kernel)');
    return engine;
  }
  if (kernelDamonPath(args, ctx).present) return kernelBackendFor(args, ctx, needRoot);
  return engine;
}

/**
 * Kdamonds for the engine from the DAMON parameter options: the simulated process stands
 * where a pid would be (the daemon's pid shows in its place once running).
 */
export function engineKdamondsForArgs(args: ParsedArgs, ctx: CommandContext): Kdamond[] {
  if (typeof args.kdamonds === 'string') return kdamondsForArgs(args, null, ctx);
  if (Array.isArray(args.target_pid) && args.target_pid.length > 0)
    throw new UserError('--target_pid cannot be used with a simulated target (the workload is the process)');
  const ops = Array.isArray(args.ops) ? (args.ops as string[]) : [];
  if (ops.includes('paddr')) throw new UserError('a simulated target is a process: use vaddr or fvaddr operations, not paddr');
  const regions = Array.isArray(args.regions) && args.regions.length > 0;
  return kdamondsForArgs({ ...args, target_pid: ['0'], ops: ops.length ? ops : [regions ? 'fvaddr' : 'vaddr'] }, null, ctx);
}

export function isKernelBackend(b: Backend): b is KernelBackend {
  return b instanceof KernelBackend;
}
