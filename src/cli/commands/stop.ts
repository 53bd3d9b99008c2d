// `damo stop`: stop the DAMON that this damo started (spec/control.md §1.4), or
// exactly the kdamonds named with --kdamond.
import { UserError } from '../../base/user-error.ts';
import { kernelOptions } from '../damon-kernel-args.ts';
import { BACKEND_OPTION, backendForRunning } from '../backend-choice.ts';
import type { CommandContext, CommandSpec, ParsedArgs } from '../option-table.ts';

async function run(args: ParsedArgs, ctx: CommandContext): Promise<number> {
  const backend = backendForRunning(args, ctx);
  const named = Array.isArray(args.kdamond)
    ? (args.kdamond as string[]).map((t) => {
        if (!/^\d+$/.test(t)) throw new UserError(`--kdamond '${t}' is not a kdamond index`);
        return Number(t);
      })
    : null;
  await backend.stop(named);
  return 0;
}

export const stopCommand: CommandSpec = {
  name: 'stop',
  summary: 'stop the DAMON that this damo started',
  description:
    'Turn off the kdamonds this damo started. A kdamond started otherwise (by another tool or user) is stopped only when named with --kdamond.',
  examples: ['damo stop', 'damo stop --kdamond 0   # stop kdamond 0 whoever started it'],
  options: [
    { flags: ['--kdamond'], nargs: '+', metavar: '<kdamond index>', help: 'stop exactly these kdamonds' },
    ...kernelOptions(),
    BACKEND_OPTION,
  ],
  run,
};
