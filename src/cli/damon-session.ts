// A DAMON run that lasts as long as one damo command (`schemes`, `monitor`): started like
// `damo start` on the backend the target asks for, and ended by turning off what it
// started and, on the kernel, staging the parameters the tree held before
// (spec/control.md §1.8: upstream re-stages the original kdamonds on exit).
import type { Backend } from '../backend/backend.ts';
import type { EngineBackend } from '../backend/engine-backend.ts';
import type { KernelBackend } from '../backend/kernel-backend.ts';
import { UserError } from '../base/user-error.ts';
import { DryRunFs, SysfsWriteError } from '../kernel/fs.ts';
import { processIsAlive } from '../kernel/kernel-control.ts';
import { kdamondStates, readKdamonds } from '../kernel/read-kdamonds.ts';
import { stageKdamonds } from '../kernel/stage-kdamonds.ts';
import type { Kdamond } from '../model/damon-params.ts';
import { backendForTarget, engineKdamondsForArgs, isKernelBackend } from './backend-choice.ts';
import { kdamondsForArgs, spawnTargetCommand } from './damon-target-args.ts';
import type { CommandContext, ParsedArgs } from './option-table.ts';

export class DamonSession {
  private constructor(
    readonly backend: Backend,
    readonly started: number[],
    readonly kdamonds: Kdamond[],
    /** The command damo started to be monitored, if any. */
    readonly spawnedPid: number | null,
    /** Kernel only: the parameters the tree held before, to stage again at the end. */
    private readonly originals: Kdamond[] | null,
    readonly dryRun: boolean,
  ) {}

  /** Starts DAMON for `target` as `damo start` does; nothing stays started when it throws. */
  static async start(args: ParsedArgs, ctx: CommandContext, target: string | null): Promise<DamonSession> {
    const backend = backendForTarget(args, ctx, target);
    if (backend.name === 'engine') {
      const ks = engineKdamondsForArgs(args, ctx);
      const started = await backend.start(ks);
      return new DamonSession(backend, started, ks, null, null, false);
    }
    const kb = backend as KernelBackend;
    const fs = kb.control.d.fs;
    const dryRun = fs instanceof DryRunFs;
    let spawned: number | null = null;
    const ks = kdamondsForArgs(args, target, ctx, {
      runCommand: (cmd) => {
        spawned = spawnTargetCommand(cmd);
        return spawned;
      },
    });
    let originals: Kdamond[] | null = null;
    try {
      if (!dryRun && fs.isDir('/sys/kernel/mm/damon/admin/kdamonds')) originals = readKdamonds(fs);
      const started = await backend.start(ks);
      return new DamonSession(backend, started, ks, spawned, originals, dryRun);
    } catch (e) {
      // A command started only to be monitored must not outlive a failed start.
      if (spawned !== null) killQuietly(spawned);
      if (e instanceof SysfsWriteError) throw new UserError(`could not turn on damon (${e.message})`);
      throw e;
    }
  }

  /** The started kdamonds that still run (a kdamond ends by itself when its target exits). */
  running(): number[] {
    if (this.dryRun) return [];
    if (isKernelBackend(this.backend)) {
      const st = kdamondStates(this.backend.control.d.fs);
      return this.started.filter((i) => st[i]?.state === 'on');
    }
    const have = new Set((this.backend as EngineBackend).running().map((r) => r.idx));
    return this.started.filter((i) => have.has(i));
  }

  /** Whether the run is over by itself: the spawned command exited, or no started kdamond runs. */
  ended(): boolean {
    if (this.spawnedPid !== null && !processIsAlive(this.spawnedPid)) return true;
    return this.running().length === 0;
  }

  /**
   * Turns off the started kdamonds that still run, then stages the original parameters
   * again (kernel). Problems restoring are warnings: DAMON is off either way.
   */
  async finish(ctx: CommandContext): Promise<void> {
    if (this.dryRun) return;
    const still = this.running();
    if (still.length > 0) await this.backend.stop(still);
    if (this.originals !== null && isKernelBackend(this.backend)) {
      try {
        stageKdamonds(this.backend.control.d.fs, this.originals);
      } catch (e) {
        ctx.err(`warning: DAMON is off, but the earlier parameters could not be staged again (${(e as Error).message})\n`);
      }
    }
  }
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid);
  } catch {
    /* already gone */
  }
}

/**
 * Resolves when SIGINT or SIGTERM arrives (with its number) or `ended()` turns true (with
 * null), polling every `pollMs`; the signal handlers are removed before it resolves.
 */
export function waitForEndOrSignal(ended: () => boolean, pollMs: number): { done: Promise<number | null>; cancel(): void } {
  let timer: NodeJS.Timeout | null = null;
  let finish: (v: number | null) => void = () => undefined;
  const done = new Promise<number | null>((resolve) => {
    finish = (v) => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      process.removeListener('SIGINT', onInt);
      process.removeListener('SIGTERM', onTerm);
      resolve(v);
    };
  });
  const onInt = () => finish(2);
  const onTerm = () => finish(15);
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  const tick = () => {
    let over = false;
    try {
      over = ended();
    } catch {
      over = true; // the state cannot be read any more: nothing left to wait for
    }
    if (over) finish(null);
    else timer = setTimeout(tick, pollMs);
  };
  timer = setTimeout(tick, pollMs);
  return { done, cancel: () => finish(null) };
}
