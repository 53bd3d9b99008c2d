// Older command names from damo's earlier releases (and the seeds' documents), kept
// working by routing to today's commands. Each takes the target's options.
import type { CommandSpec, ParsedArgs } from './option-table.ts';

export function olderName(
  name: string,
  target: CommandSpec,
  targetName: string,
  adapt: (args: ParsedArgs) => ParsedArgs = (a) => a,
): CommandSpec {
  return {
    ...target,
    name,
    summary: target.summary,
    olderNameFor: targetName,
    run: target.run ? (args, ctx) => target.run!(adapt(args), ctx) : undefined,
  };
}
