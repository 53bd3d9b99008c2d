// Older command names from damo's earlier releases (and the seeds' documents), kept
// working by routing to today's commands: `show`, `status`, `fmt_json`, `record_info`,
// `pa_layout`, `report raw`, `report heats`. Each takes the target's options, and says
// on stderr which name replaces it (always, not only on a terminal: the scripts that
// still use an older name are the ones whose logs should carry the hint; stdout is
// untouched, so pipelines keep working). DAMO_NO_OLDER_NAME_NOTICE=1 silences it.
import type { CommandSpec, ParsedArgs } from './option-table.ts';

export function olderNameNotice(name: string, targetName: string): string {
  return `damo: note: '${name}' is an older name for '${targetName}'; it keeps working, but please use the newer one\n`;
}

export function olderName(
  name: string,
  target: CommandSpec,
  targetName: string,
  adapt: (args: ParsedArgs) => ParsedArgs = (a) => a,
): CommandSpec {
  const targetRun = target.run;
  return {
    ...target,
    name,
    summary: target.summary,
    olderNameFor: targetName,
    run: targetRun
      ? (args, ctx) => {
          if (ctx.env.DAMO_NO_OLDER_NAME_NOTICE !== '1') ctx.err(olderNameNotice(name, targetName));
          return targetRun(adapt(args), ctx);
        }
      : undefined,
  };
}
