// `damo tune`: apply new parameters to the running DAMON this damo started
// (spec/control.md §1.3). Like start, it takes the full request: what is not given
// goes back to its default.
import { UserError } from '../../base/user-error.ts';
import { SysfsWriteError } from '../../kernel/fs.ts';
import { damonParamOptions } from '../damon-param-options.ts';
import { kernelOptions } from '../damon-kernel-args.ts';
import { BACKEND_OPTION, backendForTarget, engineKdamondsForArgs } from '../backend-choice.ts';
import { kdamondsForArgs } from '../damon-target-args.ts';
import type { CommandContext, CommandSpec, ParsedArgs } from '../option-table.ts';

async function run(args: ParsedArgs, ctx: CommandContext): Promise<number> {
  const target = (args.target as string | null) ?? null;
  const backend = backendForTarget(args, ctx, target, 'running');
  const ks = backend.name === 'engine' ? engineKdamondsForArgs(args, ctx) : kdamondsForArgs(args, target, ctx);
  try {
    await backend.commit(ks, { quotaGoalsOnly: Boolean(args.quota_goals_only) });
  } catch (e) {
    if (e instanceof SysfsWriteError) throw new UserError(`tuning failed (cannot commit kdamonds (${e.message}))`);
    throw e;
  }
  return 0;
}

export const tuneCommand: CommandSpec = {
  name: 'tune',
  summary: 'change the parameters of the running DAMON that this damo started',
  description:
    'Apply a new full parameter set to running kdamonds started by this damo. Parameters not given return to their defaults.',
  examples: [
    'damo tune paddr --damos_action pageout --damos_age 60s max',
    'damo tune --kdamonds params.json',
    'damo tune --quota_goals_only --kdamonds params.json   # only refresh quota goal values',
    'damo tune --aggr 200ms                                # new intervals for the running engine (sim:) kdamond',
  ],
  positionals: [
    {
      name: 'target',
      nargs: '?',
      metavar: '<deducible string>',
      help: 'the monitored target: a process id, paddr, or kdamonds parameters (JSON/YAML text or file)',
    },
  ],
  options: [
    ...damonParamOptions(true),
    ...kernelOptions(),
    BACKEND_OPTION,
    { flags: ['--quota_goals_only'], kind: 'flag', help: 'apply only the quota goal values' },
  ],
  run,
};
