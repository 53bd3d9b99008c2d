// `damo start`: start DAMON for a target, with the given monitoring and DAMOS
// parameters (spec/control.md §1.2), refusing before any write when the request or
// the kernel is not right or a kdamond someone else started is running.
import { UserError } from '../../base/user-error.ts';
import { SysfsWriteError } from '../../kernel/fs.ts';
import { damonParamOptions } from '../damon-param-options.ts';
import { kernelOptions } from '../damon-kernel-args.ts';
import { BACKEND_OPTION, SEED_OPTION, backendForTarget, engineKdamondsForArgs } from '../backend-choice.ts';
import { kdamondsForArgs, spawnTargetCommand } from '../damon-target-args.ts';
import type { CommandContext, CommandSpec, OptionSpec, ParsedArgs } from '../option-table.ts';

async function run(args: ParsedArgs, ctx: CommandContext): Promise<number> {
  if (args.include_child_tasks) throw new UserError('--include_child_tasks is not built yet in this damo');
  const target = (args.target as string | null) ?? null;
  const backend = backendForTarget(args, ctx, target);
  if (backend.name === 'engine') {
    await backend.start(engineKdamondsForArgs(args, ctx));
    return 0;
  }
  let spawned: number | null = null;
  const ks = kdamondsForArgs(args, target, ctx, {
    runCommand: (cmd) => {
      spawned = spawnTargetCommand(cmd);
      return spawned;
    },
  });
  try {
    await backend.start(ks);
  } catch (e) {
    // A command started only to be monitored must not outlive a failed start.
    if (spawned !== null) {
      try {
        process.kill(spawned);
      } catch {
        /* already gone */
      }
    }
    if (e instanceof SysfsWriteError) throw new UserError(`could not turn on damon (${e.message})`);
    throw e;
  }
  return 0;
}

/** What start takes: the DAMON parameters, kernel and backend choices (shared with schemes). */
export function startOptions(): OptionSpec[] {
  return [
    ...damonParamOptions(true),
    ...kernelOptions(),
    BACKEND_OPTION,
    SEED_OPTION,
    { flags: ['--include_child_tasks'], kind: 'flag', help: 'also monitor child processes of the target (not built yet)' },
  ];
}

export const startCommand: CommandSpec = {
  name: 'start',
  summary: 'start DAMON for a target, with the given monitoring and DAMOS parameters',
  description:
    'Start DAMON for a process (pid or command), the physical address space (paddr), or full parameters ' +
    "('damo args damon' output). damo checks everything before the first write and never takes over a kdamond it did not start.",
  examples: [
    'damo start paddr --damos_action pageout --damos_age 30s max   # reclaim memory idle for 30 s',
    'damo start "sleep 60"                                          # monitor a new process',
    'damo start --kdamonds params.json',
    'damo start paddr --dry_run                                     # show the sysfs writes only',
    'damo start sim:stairs                                          # a simulated workload on the built-in engine',
  ],
  positionals: [
    {
      name: 'target',
      nargs: '?',
      metavar: '<deducible string>',
      help: 'what to monitor: a command, a process id, paddr, sim:<workload> (simulated, on the engine), or kdamonds parameters (JSON/YAML text or file)',
    },
  ],
  options: startOptions(),
  run,
};
