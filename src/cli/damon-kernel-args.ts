// What every DAMON-controlling command shares: the options choosing the sysfs tree
// (our --sysfs_root / --dry_run extensions, upstream's --debug_damon) and the
// kernel backend built from them.
import { release } from 'node:os';
import { KernelBackend } from '../backend/kernel-backend.ts';
import { type Fs, fsFor } from '../kernel/fs.ts';
import { processIsAlive } from '../kernel/kernel-control.ts';
import { StartedKdamonds } from '../kernel/started-kdamonds.ts';
import { REAL_SYSTEM_RAM_PATHS, systemRamSpan } from '../kernel/system-ram.ts';
import { DAMON_INTERFACE_OPTION, DEBUG_DAMON_OPTION } from './damon-param-options.ts';
import type { CommandContext, OptionSpec, ParsedArgs } from './option-table.ts';

export const SYSFS_ROOT_OPTION: OptionSpec = {
  flags: ['--sysfs_root'],
  metavar: '<dir>',
  help: 'a folder standing in for /sys (default: $DAMO_SYSFS_ROOT, else /sys)',
};

export const DRY_RUN_OPTION: OptionSpec = {
  flags: ['--dry_run'],
  kind: 'flag',
  help: 'print the sysfs writes instead of doing them',
};

export function kernelOptions(opts: { dryRun?: boolean } = {}): OptionSpec[] {
  return [DEBUG_DAMON_OPTION, SYSFS_ROOT_OPTION, ...(opts.dryRun === false ? [] : [DRY_RUN_OPTION]), DAMON_INTERFACE_OPTION];
}

let wrapFs: ((fs: Fs) => Fs) | null = null;

/** Tests put a kernel emulator between the commands and their stand-in tree. */
export function setFsWrapperForTests(wrap: ((fs: Fs) => Fs) | null): void {
  wrapFs = wrap;
}

export function kernelBackendFor(args: ParsedArgs, ctx: CommandContext, needRoot = true): KernelBackend {
  return new KernelBackend({
    fs: kernelFsFor(args, ctx, needRoot),
    started: StartedKdamonds.forEnv(ctx.env),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    isAlive: processIsAlive,
    systemRam: () => systemRamSpan(ctx.env.DAMO_IOMEM ?? REAL_SYSTEM_RAM_PATHS.iomem),
    kernelRelease: ctx.env.DAMO_KERNEL_RELEASE ?? release(),
  });
}

/** The (test-wrapped) Fs the kernel options choose, for commands that use sysfs without the kdamonds backend. */
export function kernelFsFor(args: ParsedArgs, ctx: CommandContext, needRoot = true): Fs {
  const { fs } = fsFor({
    sysfsRoot: (args.sysfs_root as string | null | undefined) ?? null,
    env: ctx.env,
    dryRun: Boolean(args.dry_run),
    debug: Boolean(args.debug_damon),
    emit: (line) => ctx.out(`${line}\n`),
    needRoot,
  });
  return wrapFs ? wrapFs(fs) : fs;
}
