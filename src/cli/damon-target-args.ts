// From parsed DAMON parameter options plus the deducible target (command, pid,
// `paddr`, or parameters text/file) to kdamonds (spec/control.md §2.5).
// Shared by args damon, start, tune, record and schemes.
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { UserError } from '../base/user-error.ts';
import { loadKdamonds, loadSchemes } from '../formats/kdamonds-load.ts';
import { kdamondsFromOptions, type ParamsEnv } from '../model/damon-params-from-options.ts';
import type { Kdamond } from '../model/damon-params.ts';
import { REAL_SYSTEM_RAM_PATHS, systemRamEnv } from '../kernel/system-ram.ts';
import type { CommandContext, ParsedArgs } from './option-table.ts';

export interface TargetOptions {
  /** What to do with a command target: spawn it (start/record) or refuse (args damon, tune). */
  runCommand?: (cmdline: string) => number;
  env?: ParamsEnv;
}

/** The System RAM facts, with DAMO_IOMEM pointing at a stand-in for /proc/iomem (tests). */
export function paramsEnvFor(env: NodeJS.ProcessEnv): ParamsEnv {
  return systemRamEnv({ ...REAL_SYSTEM_RAM_PATHS, iomem: env.DAMO_IOMEM ?? REAL_SYSTEM_RAM_PATHS.iomem });
}

function onPath(word: string, env: NodeJS.ProcessEnv): boolean {
  const candidates = word.includes('/') ? [word] : (env.PATH ?? '').split(delimiter).filter(Boolean).map((d) => join(d, word));
  return candidates.some((p) => {
    try {
      accessSync(p, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** Starts `/bin/bash -c <cmdline>` detached from our stdio wait, returning its pid. */
export function spawnTargetCommand(cmdline: string): number {
  const child = spawn('/bin/bash', ['-c', cmdline], { stdio: 'inherit' });
  if (child.pid === undefined) throw new UserError(`cannot run '${cmdline}'`);
  child.unref();
  return child.pid;
}

export function kdamondsForArgs(args: ParsedArgs, target: string | null, ctx: CommandContext, opts: TargetOptions = {}): Kdamond[] {
  const env = opts.env ?? paramsEnvFor(ctx.env);
  if (typeof args.kdamonds === 'string') {
    const ks = loadKdamonds(args.kdamonds);
    if (ks === null) throw new UserError(`--kdamonds '${args.kdamonds}' is neither JSON/YAML parameters nor a file holding them`);
    return ks;
  }
  const a: ParsedArgs = { ...args };
  if (target !== null && target !== '') {
    const fromText = /^\s*[{[]/.test(target) || /\.(json|ya?ml)$/.test(target) ? loadKdamonds(target) : null;
    if (fromText !== null) return fromText;
    if (target === 'paddr') {
      if (Array.isArray(a.ops) && a.ops.length > 0) ctx.err('warning: --ops is overridden by the deducible target\n');
      if (Array.isArray(a.target_pid) && a.target_pid.length > 0) ctx.err('warning: --target_pid is overridden by the deducible target\n');
      a.ops = ['paddr'];
      a.target_pid = null;
    } else if (target === 'vaddr' || target === 'fvaddr') {
      throw new UserError(`target '${target}' needs a process: give a pid or a command`);
    } else {
      let pid: number;
      if (/^\d+$/.test(target)) pid = Number(target);
      else if (onPath(target.trim().split(/\s+/)[0], ctx.env)) {
        if (!opts.runCommand) throw new UserError(`a command target ('${target}') is run only by start, record and schemes; give its pid here`);
        pid = opts.runCommand(target);
      } else throw new UserError(`target '${target}' is not supported (give a command, a pid, paddr, or parameters)`);
      if (Array.isArray(a.target_pid) && a.target_pid.length > 0) ctx.err('warning: --target_pid will be ignored\n');
      a.target_pid = [String(pid)];
      a.ops = [Array.isArray(a.regions) && a.regions.length > 0 ? 'fvaddr' : 'vaddr'];
    }
  }
  const ks = kdamondsFromOptions(a, env);
  if (typeof a.schemes === 'string' && (!Array.isArray(a.damos_action) || a.damos_action.length === 0)) {
    const schemes = loadSchemes(a.schemes);
    const nrCtxs = ks.reduce((n, k) => n + k.contexts.length, 0);
    if (nrCtxs !== 1) throw new UserError('--schemes works with a single context; use --kdamonds for more');
    ks[0].contexts[0].schemes = schemes;
  }
  return ks;
}
