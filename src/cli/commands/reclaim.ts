// `damo reclaim`: show, enable, disable or re-tune DAMON_RECLAIM, the kernel module that
// pages out memory left cold for long (spec/control.md §1.8; its parameters are under
// /sys/module/damon_reclaim/parameters).
import { kernelFsFor, kernelOptions } from '../damon-kernel-args.ts';
import { type ModuleAction, RECLAIM_PARAM_OPTIONS, paramWrites, runModuleAction } from '../damon-module-args.ts';
import type { CommandContext, CommandSpec, ParsedArgs } from '../option-table.ts';

async function run(args: ParsedArgs, ctx: CommandContext): Promise<number> {
  const action = (args.action as ModuleAction | null) ?? 'status';
  const writes = paramWrites(args, RECLAIM_PARAM_OPTIONS);
  if (args.skip_anon) writes.push(['skip_anon', 'Y']);
  const fs = kernelFsFor(args, ctx, action !== 'status');
  return runModuleAction(fs, 'reclaim', action, writes, ctx);
}

export const reclaimCommand: CommandSpec = {
  name: 'reclaim',
  summary: 'show or control DAMON_RECLAIM, the kernel module reclaiming cold memory',
  description:
    'Without an action, list the parameters of the DAMON_RECLAIM kernel module. enable writes the given parameters and ' +
    '(re)starts the module; commit makes the running module take the given parameters; disable turns it off.',
  examples: [
    'damo reclaim                                        # every parameter and statistic',
    'damo reclaim enable --min_age 30000000 --quota 10 128M 1000',
    'damo reclaim commit --wmarks 5000000 500 400 200   # new watermarks for the running module',
    'damo reclaim disable',
    'damo reclaim enable --dry_run                      # show the writes only',
  ],
  positionals: [
    { name: 'action', nargs: '?', choices: ['status', 'enable', 'disable', 'commit'], default: 'status', metavar: '{status,enable,disable,commit}', help: 'what to do (default: status)' },
  ],
  options: [
    ...RECLAIM_PARAM_OPTIONS.map((p) => p.option),
    { flags: ['--skip_anon'], kind: 'flag', help: 'leave anonymous pages alone (Linux 6.3 or later)' },
    ...kernelOptions(),
  ],
  run,
};
