// `damo lru_sort`: show, enable, disable or re-tune DAMON_LRU_SORT, the kernel module that
// moves hot pages to the head and cold ones to the tail of the LRU lists (spec/control.md
// §1.8; its parameters are under /sys/module/damon_lru_sort/parameters).
import { kernelFsFor, kernelOptions } from '../damon-kernel-args.ts';
import { LRU_SORT_PARAM_OPTIONS, type ModuleAction, paramWrites, runModuleAction } from '../damon-module-args.ts';
import type { CommandContext, CommandSpec, ParsedArgs } from '../option-table.ts';

async function run(args: ParsedArgs, ctx: CommandContext): Promise<number> {
  const action = (args.action as ModuleAction | null) ?? 'status';
  const writes = paramWrites(args, LRU_SORT_PARAM_OPTIONS);
  const fs = kernelFsFor(args, ctx, action !== 'status');
  return runModuleAction(fs, 'lru_sort', action, writes, ctx);
}

export const lruSortCommand: CommandSpec = {
  name: 'lru_sort',
  summary: 'show or control DAMON_LRU_SORT, the kernel module sorting LRU lists by access',
  description:
    'Without an action, list the parameters of the DAMON_LRU_SORT kernel module. enable writes the given parameters and ' +
    '(re)starts the module; commit makes the running module take the given parameters; disable turns it off.',
  examples: [
    'damo lru_sort                                      # every parameter and statistic',
    'damo lru_sort enable --hot_thres_access_freq 500 --cold_min_age 120000000',
    'damo lru_sort commit --quota 10 1000',
    'damo lru_sort disable',
  ],
  positionals: [
    { name: 'action', nargs: '?', choices: ['status', 'enable', 'disable', 'commit'], default: 'status', metavar: '{status,enable,disable,commit}', help: 'what to do (default: status)' },
  ],
  options: [...LRU_SORT_PARAM_OPTIONS.map((p) => p.option), ...kernelOptions()],
  run,
};
