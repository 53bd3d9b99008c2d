// `damo schemes`: run DAMON with DAMOS schemes for as long as this command runs
// (spec/control.md §1.8): start as `damo start` does, wait until Ctrl+C (or SIGTERM), the
// command it started exits, or every started kdamond has ended, then turn off what it
// started and stage the kernel's earlier parameters again.
import { UserError } from '../../base/user-error.ts';
import { DamonSession, waitForEndOrSignal } from '../damon-session.ts';
import type { CommandContext, CommandSpec, ParsedArgs } from '../option-table.ts';
import { startOptions } from './start.ts';

async function run(args: ParsedArgs, ctx: CommandContext): Promise<number> {
  if (args.include_child_tasks) throw new UserError('--include_child_tasks is not built yet in this damo');
  const target = (args.target as string | null) ?? null;
  const session = await DamonSession.start(args, ctx, target);
  if (session.dryRun) return 0;
  let signalled: number | null = null;
  try {
    if (process.stderr.isTTY) ctx.err('Press Ctrl+C to stop\n');
    signalled = await waitForEndOrSignal(() => session.ended(), 250).done;
  } finally {
    await session.finish(ctx);
  }
  return signalled ?? 0;
}

export const schemesCommand: CommandSpec = {
  name: 'schemes',
  summary: 'apply DAMOS schemes while this command runs',
  description:
    'Start DAMON with the given parameters and DAMOS schemes, as damo start does, and keep it running until Ctrl+C, ' +
    'until the command it started exits, or until DAMON stops by itself; then turn off what it started and, on the ' +
    "kernel, put the earlier parameters back. 'sim:<workload>' targets run on the built-in engine.",
  examples: [
    'damo schemes paddr --damos_action pageout --damos_access_rate 0% 0% --damos_age 30s max   # until Ctrl+C',
    'damo schemes "./my-workload" --damos_action pageout --damos_age 10s max                 # until it exits',
    'damo schemes -c schemes.json 1234',
    'damo schemes sim:stairs --damos_action stat                                              # on the engine',
  ],
  positionals: [
    {
      name: 'target',
      nargs: '?',
      metavar: '<deducible string>',
      help: 'what to apply the schemes to: a command, a process id, paddr, sim:<workload>, or kdamonds parameters (JSON/YAML text or file)',
    },
  ],
  options: startOptions(),
  run,
};
